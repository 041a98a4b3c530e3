package org.regionalexchange.node.app;

import org.regionalexchange.node.app.cli.AuditCommand;
import org.regionalexchange.node.app.cli.BenchCommand;
import org.regionalexchange.node.app.cli.FaultsCommand;
import org.regionalexchange.node.app.cli.OpenCommand;
import org.regionalexchange.node.app.cli.RunCommand;
import org.regionalexchange.node.app.cli.SealCommand;
import org.regionalexchange.node.app.cli.SendCommand;
import org.regionalexchange.node.app.cli.StatusCommand;
import org.regionalexchange.node.app.cli.UsersCommand;
import org.regionalexchange.node.app.demo.DemoCommand;
import org.regionalexchange.node.app.wiring.LogFormat;
import org.regionalexchange.node.app.wiring.SettingsException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The node's one executable: run a node, operate on sealed files offline, talk to a running node, run the demo.
 * Every subcommand inherits {@code --help} and {@code --version} (the INHERIT scope).
 */
@Command(name = "node", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "regional-exchange node 0.1.0",
        description = "A node of the regional exchange network.",
        subcommands = {RunCommand.class, DemoCommand.class, SendCommand.class, StatusCommand.class,
                AuditCommand.class, SealCommand.class, OpenCommand.class, UsersCommand.class, FaultsCommand.class,
                BenchCommand.class})
public final class NodeCli {

    public static void main(String[] args) {
        try {
            LogFormat.ofProcess();
        } catch (SettingsException e) {
            System.err.println("node: " + e.getMessage());
            System.exit(2);
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line; an operator error prints one line naming the problem and exits 1. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new NodeCli());
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            line.getErr().println("node: " + exception.getMessage());
            return 1;
        });
        return commandLine;
    }
}
