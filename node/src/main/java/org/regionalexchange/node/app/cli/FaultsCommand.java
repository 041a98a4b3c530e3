package org.regionalexchange.node.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.regionalexchange.node.faults.Drill;
import org.regionalexchange.node.faults.DrillReport;
import org.regionalexchange.node.faults.DrillResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The fault drills: nodes as separate processes on loopback, a stream of notices, and a crash, a partition, a frozen
 * link, a database outage or a peer's flood in the middle of it; then the table of what was accepted, stored, given
 * to the subscriber, recorded and left stuck. Exits 0 when every drill lost, doubled and left nothing.
 */
@Command(name = "faults",
        description = "Run the crash, partition and outage drills and print what was lost, duplicated or stuck.")
public final class FaultsCommand implements Callable<Integer> {

    static final int FAILED = 4;

    @Spec
    CommandSpec spec;
    @Option(names = "--notices", defaultValue = "10000", description = "Notices per drill (default: ${DEFAULT-VALUE}).")
    int notices;
    @Option(names = "--rate", defaultValue = "40", description = "Submissions per second (default: ${DEFAULT-VALUE}).")
    double rate;
    @Option(names = "--scenarios",
            defaultValue = "receiver-crash,sender-crash,hub-crash,partition,frozen-link,database-outage,flood",
            description = "Which drills, comma-separated: baseline (no fault), receiver-crash, sender-crash,"
                    + " hub-crash, partition, frozen-link, database-outage, flood (default: ${DEFAULT-VALUE}).")
    String scenarios;
    @Option(names = "--partition", defaultValue = "PT60S", description = "How long the link is cut (partition) or frozen (frozen-link) (default: ${DEFAULT-VALUE}).")
    Duration partition;
    @Option(names = "--database-outage", defaultValue = "PT30S",
            description = "How long PostgreSQL is down (default: ${DEFAULT-VALUE}).")
    Duration databaseOutage;
    @Option(names = "--receipt-wait", defaultValue = "PT20S",
            description = "The nodes' node.delivery.receipt-wait (default: ${DEFAULT-VALUE}).")
    Duration receiptWait;
    @Option(names = "--node-jar", description = "Run the nodes from another build's node jar, e.g. to measure an"
            + " older release under the same load (default: this jar).")
    Path nodeJar;
    @Mixin
    WorkFolderOption workFolder;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = workFolder.create("regional-faults-");
        Duration drainTimeout = Duration.ofSeconds(Math.max(180, (long) (2 * notices / rate)));
        String classpath = nodeJar != null ? nodeJar.toAbsolutePath().toString() : System.getProperty("java.class.path");
        Drill.Plan plan = new Drill.Plan(notices, rate, partition, databaseOutage, receiptWait, drainTimeout,
                classpath);
        out.printf("fault drills in %s: %d notices per drill at %.0f/s (node logs and configs are kept there)%n",
                folder, notices, rate);
        List<DrillResult> results = new ArrayList<>();
        for (String id : Arrays.stream(scenarios.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            Drill.Fault fault = Drill.Fault.fromId(id);
            results.add(new Drill(fault, plan, folder, line -> {
                out.println("  " + line);
                out.flush();
            }).run());
        }
        String table = DrillReport.write(results, plan, folder);
        out.println();
        out.print(table);
        out.printf("report: %s and %s%n", folder.resolve("faults-report.md"), folder.resolve("faults-report.json"));
        return results.stream().allMatch(DrillResult::passed) ? 0 : FAILED;
    }
}
