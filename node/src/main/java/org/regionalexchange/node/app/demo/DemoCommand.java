package org.regionalexchange.node.app.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.cli.WorkFolderOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The regional demo: CARICC and the five Central Asian nodes in one process on loopback, each enrolled with CARICC's
 * fresh CA (its own keys and password, its certificates signed from its requests) and learning the others'
 * certificates from CARICC's member directory, trading the kinds of message the network exists for, then showing
 * delivery, quarantine and the audit chains.
 */
@Command(name = "demo", description = "Run the whole region on 127.0.0.1 and exchange sample notices.")
public final class DemoCommand implements Callable<Integer> {

    static final List<String> NODES = List.of("CARICC", "KZ", "KG", "TJ", "TM", "UZ");
    static final List<List<String>> NEIGHBOURS = List.of(List.of("KZ", "KG"), List.of("KZ", "UZ"),
            List.of("UZ", "TM"), List.of("UZ", "TJ"), List.of("KG", "TJ"));

    @Spec
    CommandSpec spec;
    @Mixin
    WorkFolderOption workFolder;
    @Option(names = "--timeout", defaultValue = "PT90S", description = "How long to wait for receipts (default: ${DEFAULT-VALUE}).")
    Duration timeout;
    @Option(names = "--keep-running", description = "Leave the nodes running after the scenario, until Ctrl-C.")
    boolean keepRunning;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = workFolder.create("regional-demo-");
        out.printf("[1/7] enrolling %s with CARICC's CA (each node its own keys and password) and starting them in"
                + " %s%n", NODES, folder);
        try (LocalRegion region = LocalRegion.enrolled(folder, NODES, NEIGHBOURS)) {
            region.set("CARICC", "node.picture.known-substances", DemoScenario.knownSubstances(folder).toString());
            int unitPort = LocalRegion.freeLoopbackPort();
            region.set("UZ", "node.broker.local-port", Integer.toString(unitPort));
            for (String node : NODES) {
                // The whole demo region runs this release, so members need not wait for each other's receipts to
                // learn that they read its newest schemas.
                region.set(node, "node.schemas.members-assumed", DemoScenario.VERSION);
                region.start(node);
                out.printf("      %-6s up: API %s/api/v1, console %s/console/%n", node, region.baseUrl(node),
                        region.baseUrl(node));
            }
            printUsers(region, out);
            char[] alat = DemoScenario.registerAlat(region);
            out.printf("      UZ registered customs unit %s (POST /api/v1/units): queue %s on 127.0.0.1:%d (AMQP 1.0"
                    + " or core, TLS), clearance TLP:AMBER+STRICT%n", DemoScenario.UNIT,
                    org.regionalexchange.node.broker.BrokerAddresses.unit(DemoScenario.UNIT), unitPort);
            // Enrolled members learn each other's encryption certificates only from CARICC's member directory.
            List<String> members = region.members();
            long version;
            try {
                version = region.awaitDirectory(1, members, timeout);
            } catch (DirectoryNotAppliedException e) {
                out.printf("      %s%n", e.getMessage());
                return 1;
            }
            out.printf("      member directory version %d applied by %s%n", version, String.join(", ", members));
            out.println("[2/7] sending notices");
            Map<String, String> sent = new LinkedHashMap<>();
            for (DemoScenario.Step step : DemoScenario.steps()) {
                String messageId = region.node(step.sender()).submit(step.submission());
                sent.put(messageId, step.sender());
                out.printf("      %-6s %-20s -> %-22s %s  (%s)%n", step.sender(), step.submission().kind(),
                        String.join(",", step.submission().recipients()), messageId, step.description());
            }
            Instant deadline = Instant.now().plus(timeout);
            String alertId = awaitFirstSighting(region, deadline, out);
            if (alertId != null) {
                sent.put(alertId, "CARICC");
            }
            out.println("[3/7] a tampered envelope reaches KG from TJ's broker link");
            DemoScenario.sendTampered(region, "TJ", "KG");
            out.printf("[4/7] waiting up to %ds for signed receipts%n", timeout.toSeconds());
            boolean allDelivered = awaitReceipts(region, sent, deadline, out) && alertId != null;
            out.println("[5/7] CARICC's analyst updates the alert, then cancels it; KG's active alerts"
                    + " (GET /api/v1/picture/alerts) after each step");
            allDelivered &= alertId != null && lifecycle(region, alertId, deadline, out);
            out.printf("[6/7] the %s customs unit takes TM's warning off its queue and answers%n", DemoScenario.UNIT);
            allDelivered &= unitAnswers(region, unitPort, alat, deadline, out);
            out.println("[7/7] quarantine and audit");
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

    /**
     * Waits for CARICC's first-sighting alert for the new substance of KZ's notice and prints it.
     *
     * @return the alert's messageId, or null when none came before the deadline
     */
    private static String awaitFirstSighting(LocalRegion region, Instant deadline, PrintWriter out)
            throws IOException, InterruptedException {
        while (Instant.now().isBefore(deadline)) {
            java.util.Optional<com.fasterxml.jackson.databind.JsonNode> sighting = DemoScenario.firstSighting(region,
                    DemoScenario.NEW_SUBSTANCE);
            if (sighting.isPresent() && sighting.get().hasNonNull("alertId")) {
                String alertId = sighting.get().get("alertId").asText();
                out.printf("      %-6s %-20s -> %-22s %s  (first sighting: %s in %s's notice %s)%n", "CARICC",
                        "early-warning", "REGIONAL", alertId, DemoScenario.NEW_SUBSTANCE,
                        sighting.get().path("sender").asText(), sighting.get().path("messageId").asText());
                return alertId;
            }
            Thread.sleep(250);
        }
        out.printf("      CARICC sent no first-sighting alert for %s in time: see CARICC's"
                + " GET /api/v1/picture/first-sightings%n", DemoScenario.NEW_SUBSTANCE);
        return null;
    }

    /**
     * The alert's update and cancel, each waited for and followed by KG's active alerts.
     *
     * @return whether both were delivered and KG's view showed the alert, its update, then nothing
     */
    private boolean lifecycle(LocalRegion region, String alertId, Instant deadline, PrintWriter out)
            throws IOException, InterruptedException {
        boolean delivered = printActive(region, "after the first-sighting alert", out, 1);
        for (String msgType : List.of("update", "cancel")) {
            com.fasterxml.jackson.databind.JsonNode current = DemoScenario.currentAlert(region, "KG", alertId);
            String id = region.node("CARICC").submit(DemoScenario.followUp(current, alertId, msgType));
            out.printf("      CARICC %-13s %s -> REGIONAL%n", msgType.equals("update") ? "updates it:" : "cancels it:",
                    id);
            delivered &= awaitReceipts(region, Map.of(id, "CARICC"), deadline, out);
            delivered &= printActive(region, "after the " + msgType, out, msgType.equals("update") ? 1 : 0);
        }
        return delivered;
    }

    /** The Alat unit's round trip: the warning from its queue, its outcome report, the outcome in TM's status. */
    private boolean unitAnswers(LocalRegion region, int unitPort, char[] password, Instant deadline, PrintWriter out)
            throws InterruptedException {
        DemoScenario.UnitAnswer answer;
        try {
            answer = DemoScenario.alatAnswers(region, unitPort, password, Duration.ofSeconds(20));
        } catch (IllegalStateException e) {
            out.printf("      %s%n", e.getMessage());
            return false;
        }
        out.printf("      %s took warning %s from %s; UZ signed its outcome report %s -> %s%n", DemoScenario.UNIT,
                answer.warningId(), answer.sender(), answer.outcomeId(), answer.sender());
        boolean delivered = awaitReceipts(region, Map.of(answer.outcomeId(), "UZ"), deadline, out);
        List<String> outcomes = List.of();
        while (Instant.now().isBefore(deadline)) {
            outcomes = DemoScenario.outcomes(region.node(answer.sender()), answer.warningId());
            if (!outcomes.isEmpty()) {
                break;
            }
            Thread.sleep(250);
        }
        out.printf("      %s's status of %s (GET /api/v1/messages/{id}):%s%n", answer.sender(), answer.warningId(),
                outcomes.isEmpty() ? " no outcome yet" : "");
        outcomes.forEach(line -> out.printf("        %s%n", line));
        return delivered && !outcomes.isEmpty();
    }

    /** Prints KG's active alerts; whether there are as many as expected. */
    private static boolean printActive(LocalRegion region, String when, PrintWriter out, int expected)
            throws IOException, InterruptedException {
        List<String> active = DemoScenario.activeAlerts(region, "KG");
        out.printf("      KG active alerts %s: %d%s%n", when, active.size(), active.size() == expected ? ""
                : " (expected " + expected + ")");
        active.forEach(line -> out.printf("        %s%n", line));
        return active.size() == expected;
    }

    private boolean awaitReceipts(LocalRegion region, Map<String, String> sent, Instant deadline, PrintWriter out)
            throws InterruptedException {
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
