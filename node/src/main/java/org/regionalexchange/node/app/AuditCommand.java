package org.regionalexchange.node.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.AuditReport;
import org.regionalexchange.node.store.NodeDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Checks the audit chain in a node's database; exits 3 naming the first broken entry. */
@Command(name = "audit", description = "Audit log commands: `audit verify --config FILE`.")
final class AuditCommand implements Callable<Integer> {

    static final int BROKEN = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "verify")
    String action;

    @Option(names = "--config", required = true, description = "The node's application.properties.")
    Path config;

    @Override
    public Integer call() {
        if (!"verify".equals(action)) {
            throw new IllegalArgumentException("unknown audit action '" + action + "': use `audit verify`");
        }
        NodeSettings settings = SettingsReader.read(config);
        try (NodeDatabase database = NodeDatabase.open(settings.database().url(), settings.database().user(),
                settings.database().password())) {
            AuditReport report = new AuditLog(database, Clock.systemUTC()).verify();
            spec.commandLine().getOut().println(report.problem());
            return report.intact() ? 0 : BROKEN;
        }
    }
}
