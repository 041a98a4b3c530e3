package org.regionalexchange.node.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.regionalexchange.node.app.NodeCli;
import picocli.CommandLine;
import static org.assertj.core.api.Assertions.assertThat;

/** Every subcommand of the node's executable answers {@code --help} with its usage, and exits 0. */
class NodeCliHelpTest {

    static Stream<String> subcommands() {
        return NodeCli.commandLine().getSubcommands().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void everySubcommandAnswersHelpWithItsUsage(String subcommand) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = run(out, err, subcommand, "--help");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Usage: node " + subcommand + " ").contains("-h, --help");
        assertThat(err.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void everySubcommandAnswersTheShortHelpToo(String subcommand) {
        StringWriter out = new StringWriter();

        assertThat(run(out, new StringWriter(), subcommand, "-h")).isZero();
        assertThat(out.toString()).startsWith("Usage: node " + subcommand + " ");
    }

    @org.junit.jupiter.api.Test
    void theCommandsAreAllThere() {
        assertThat(subcommands().toList()).containsExactlyInAnyOrderElementsOf(List.of("run", "demo", "send",
                "status", "audit", "seal", "open", "users", "faults", "bench"));
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine commandLine = NodeCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
