package org.regionalexchange.node.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The regional demo: CARICC and the five Central Asian nodes in one process on loopback, over a fresh PKI, trading
 * the kinds of message the network exists for, then showing delivery, quarantine and the audit chains.
 */
@Command(name = "demo", description = "Run the whole region on 127.0.0.1 and exchange sample notices.")
final class DemoCommand implements Callable<Integer> {

    static final List<String> NODES = List.of("CARICC", "KZ", "KG", "TJ", "TM", "UZ");
    static final List<List<String>> NEIGHBOURS = List.of(List.of("KZ", "KG"), List.of("KZ", "UZ"),
            List.of("UZ", "TM"), List.of("UZ", "TJ"), List.of("KG", "TJ"));

    @Spec
    CommandSpec spec;
    @Option(names = "--dir", description = "Folder for PKI, journals and databases (default: a new temporary one).")
    Path dir;
    @Option(names = "--timeout", defaultValue = "PT90S", description = "How long to wait for receipts (default: ${DEFAULT-VALUE}).")
    Duration timeout;
    @Option(names = "--keep-running", description = "Leave the nodes running after the scenario, until Ctrl-C.")
    boolean keepRunning;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("regional-demo-");
        out.printf("[1/5] building the regional PKI and starting %s in %s%n", NODES, folder);
        try (LocalRegion region = new LocalRegion(folder, NODES, NEIGHBOURS)) {
            for (String node : NODES) {
                // The whole demo region runs this release, so members need not wait for each other's receipts to
                // learn that they read its newest schemas.
                region.set(node, "node.schemas.members-assumed", DemoScenario.VERSION);
                region.start(node);
                out.printf("      %-6s up: API %s/api/v1%n", node, region.baseUrl(node));
            }
            printUsers(region, out);
            out.println("[2/5] sending notices");
            Map<String, String> sent = new LinkedHashMap<>();
            for (DemoScenario.Step step : DemoScenario.steps()) {
                String messageId = region.node(step.sender()).submit(step.submission());
                sent.put(messageId, step.sender());
                out.printf("      %-6s %-20s -> %-22s %s  (%s)%n", step.sender(), step.submission().kind(),
                        String.join(",", step.submission().recipients()), messageId, step.description());
            }
            out.println("[3/5] a tampered envelope reaches KG from TJ's broker link");
            DemoScenario.sendTampered(region, "TJ", "KG");
            out.printf("[4/5] waiting up to %ds for signed receipts%n", timeout.toSeconds());
            boolean allDelivered = awaitReceipts(region, sent, out);
            out.println("[5/5] quarantine and audit");
            out.printf("      KG quarantine: %s%n", DemoScenario.quarantineSummary(region.node("KG")));
            for (String node : NODES) {
                out.printf("      %-6s audit: %s%n", node, region.node(node).services().api().audit());
            }
            out.println("      CARICC's control-gap report for the substances of Government Resolution 22"
                    + " (GET /api/v1/picture/control-gaps?format=csv):");
            DemoScenario.controlGapReport(region).lines().forEach(line -> out.printf("        %s%n", line));
            if (keepRunning) {
                out.println("nodes keep running; stop with Ctrl-C");
                Thread.currentThread().join();
            }
            out.println(allDelivered ? "demo finished: every recipient acknowledged every notice"
                    : "demo finished with recipients still pending: see the statuses above");
            return allDelivered ? 0 : 1;
        }
    }

    /** The users the demo made, so an operator can explore the APIs (with --keep-running). */
    private static void printUsers(LocalRegion region, PrintWriter out) {
        out.printf("      API users on every node (HTTP Basic; trust %s):%n", region.caCertificate());
        for (Role role : Role.values()) {
            ApiClient.Credentials user = region.credentials(role);
            out.printf("        %-13s %s / %s%n", role.id(), user.user(), new String(user.password()));
        }
        ApiClient.Credentials focal = region.credentials(Role.FOCAL_POINT);
        out.printf("      e.g. curl --cacert %s -u %s:%s %s/api/v1/inbox%n", region.caCertificate(), focal.user(),
                new String(focal.password()), region.baseUrl("KG"));
    }

    private boolean awaitReceipts(LocalRegion region, Map<String, String> sent, PrintWriter out)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> statuses = new LinkedHashMap<>();
        while (true) {
            statuses.clear();
            sent.forEach((id, sender) -> statuses.put(id, region.node(sender).services().api().status(id)));
            boolean done = statuses.values().stream().noneMatch(s -> s.contains("\"queued\"")
                    || s.contains("\"forwarded\""));
            if (done || Instant.now().isAfter(deadline)) {
                statuses.forEach((id, status) -> out.printf("      %s%n", DemoScenario.statusLine(status)));
                return done && statuses.values().stream().noneMatch(s -> s.contains("\"rejected\""));
            }
            Thread.sleep(250);
        }
    }

}
