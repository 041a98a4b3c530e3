package org.regionalexchange.certs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every subcommand of the PKI command line answers {@code --help} with its usage, and exits 0. */
class CertsCliHelpTest {

    static Stream<String> subcommands() {
        return CertsCli.commandLine().getSubcommands().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void everySubcommandAnswersHelpWithItsUsage(String subcommand) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = CertsCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute(subcommand, "--help");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Usage: certs " + subcommand + " ").contains("-h, --help");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theCommandsAreAllThere() {
        assertThat(subcommands().toList()).containsExactlyInAnyOrderElementsOf(List.of("region", "issue", "revoke",
                "crl", "show", "request", "sign", "install"));
    }
}
