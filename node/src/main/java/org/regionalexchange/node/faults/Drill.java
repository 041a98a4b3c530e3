package org.regionalexchange.node.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.regionalexchange.node.audit.AuditAnchor;

/**
 * One fault drill: a stream of uniquely numbered seizure notices from KZ over REST while a fault strikes, then a wait
 * until the sender has every receipt, then the count of what each node stored, gave its subscriber and recorded.
 * The nodes run as separate JVMs; crashes are SIGKILL, a partition is a cut link proxy, a frozen link a proxy that
 * accepts connections but forwards nothing (the sender's /health must see it within {@link #LINK_NOT_UP_WITHIN}), a
 * database outage is an immediate stop of the PostgreSQL server, a flood 10 s of junk that CARICC's certificate sends
 * into the receiver's inbox as fast as it takes it, while KZ's notices must still arrive within {@link #FLOOD_BOUND}.
 */
public final class Drill {

    /** The faults, each in a region of its own; {@code BASELINE} strikes none, to measure the same load without. */
    public enum Fault {
        BASELINE, RECEIVER_CRASH, SENDER_CRASH, HUB_CRASH, PARTITION, FROZEN_LINK, DATABASE_OUTAGE, FLOOD;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Fault fromId(String id) {
            return valueOf(id.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * The size of a drill.
     *
     * @param receiptWait the nodes' node.delivery.receipt-wait: how soon a notice without a receipt is resent
     * @param nodeClasspath what the nodes run from: this program's classpath, or another build's jar to compare
     */
    public record Plan(int notices, double perSecond, Duration partition, Duration databaseOutage,
            Duration receiptWait, Duration drainTimeout, String nodeClasspath) {}

    private static final Duration DOWN = Duration.ofSeconds(5);
    /** The sender's link settings in the frozen-link drill, and what its /health must show. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final Duration UP_WITHIN = Duration.ofSeconds(10);
    private static final Duration DOWN_AFTER = Duration.ofSeconds(20);
    static final Duration LINK_NOT_UP_WITHIN = Duration.ofSeconds(30);
    private static final Duration LINK_UP_AGAIN_WITHIN = Duration.ofSeconds(30);
    /** How long the flood lasts, and how late a well-behaved peer's notice sent meanwhile may arrive at most. */
    private static final Duration FLOOD_LENGTH = Duration.ofSeconds(10);
    static final Duration FLOOD_BOUND = Duration.ofSeconds(5);
    /** The flood drill's stream: 10 notices a second for a minute, the flood in its middle. */
    private static final double FLOOD_RATE = 10;
    private static final int FLOOD_NOTICES = 600;
    private static final String SENDER = "KZ";
    private static final String RECEIVER = "KG";
    private static final String HUB = "CARICC";

    private final Fault fault;
    private final Plan plan;
    private final Path folder;
    private final Consumer<String> progress;
    private final List<Duration> recoveries = new ArrayList<>();
    private final List<Instant> faultEnds = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int healthProblems;
    private Instant floodStart;
    private Instant floodEnd;
    private Flooder.Result flood;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The receiving node's local acceptor, where the subscriber connects. */
    private int localPort;

    public Drill(Fault fault, Plan plan, Path folder, Consumer<String> progress) {
        this.fault = fault;
        this.plan = plan;
        this.folder = folder;
        this.progress = progress;
    }

    public DrillResult run() {
        PostgresServer postgres = fault == Fault.DATABASE_OUTAGE ? PostgresServer.startNew(true) : null;
        List<TcpProxy> proxies = new ArrayList<>();
        DrillRegion region = region(postgres, proxies);
        DispatchCounter counter = null;
        Load load = null;
        try {
            for (String node : region.nodes()) {
                region.node(node).start();
            }
            counter = new DispatchCounter(localPort, region.pki().truststore(), region.pki().password(),
                    DrillRegion.SUBSCRIBER, DrillRegion.SUBSCRIBER_PASSWORD, "drill-" + fault.id()).start();
            load = new Load(region.node(SENDER).api(), List.of(fault == Fault.HUB_CRASH ? "REGIONAL" : RECEIVER),
                    "DRILL-" + fault.id().toUpperCase(Locale.ROOT));
            stream(region, load, counter, postgres, proxies);
            double acceptedPerSecond = load.acceptedPerSecond();
            Instant streamEnd = Instant.now();
            awaitDrain(region, load, counter);
            Duration drain = Duration.between(streamEnd, Instant.now());
            long deadLettered = region.nodes().stream().mapToLong(node -> deadLettered(region.node(node).api())).sum();
            measureRecoveries(counter);
            counter.close();
            region.close();
            return count(region, load, counter, deadLettered, drain, acceptedPerSecond);
        } finally {
            if (counter != null) {
                counter.close();
            }
            if (load != null) {
                load.close();
            }
            region.close();
            proxies.forEach(TcpProxy::close);
            if (postgres != null) {
                postgres.stop();
            }
        }
    }

    private DrillRegion region(PostgresServer postgres, List<TcpProxy> proxies) {
        List<String> nodes = fault == Fault.HUB_CRASH || fault == Fault.FLOOD ? List.of(HUB, SENDER, RECEIVER)
                : List.of(SENDER, RECEIVER);
        List<List<String>> links = fault == Fault.HUB_CRASH ? List.of() : List.of(List.of(SENDER, RECEIVER));
        DrillRegion region = new DrillRegion(folder.resolve(fault.id()), nodes, links, plan.nodeClasspath());
        for (String node : nodes) {
            region.set(node, "node.delivery.receipt-wait", plan.receiptWait().toString());
            region.set(node, "node.audit.anchor-interval", "PT1S");
            if (postgres != null) {
                region.set(node, "node.db.url", postgres.createDatabase());
                region.set(node, "node.db.user", postgres.user());
            }
        }
        localPort = region.openLocalAcceptor(RECEIVER);
        if (fault == Fault.FROZEN_LINK) {
            region.set(SENDER, "node.links.heartbeat-every", HEARTBEAT.toString());
            region.set(SENDER, "node.links.up-within", UP_WITHIN.toString());
            region.set(SENDER, "node.links.down-after", DOWN_AFTER.toString());
        }
        if (fault == Fault.PARTITION || fault == Fault.FROZEN_LINK) {
            TcpProxy toReceiver = new TcpProxy(region.peerPort(RECEIVER));
            TcpProxy toSender = new TcpProxy(region.peerPort(SENDER));
            proxies.add(toReceiver);
            proxies.add(toSender);
            region.routeLink(SENDER, RECEIVER, toReceiver.port());
            region.routeLink(RECEIVER, SENDER, toSender.port());
        }
        return region;
    }

    /** Submits the stream and strikes the drill's fault at its moments. */
    private void stream(DrillRegion region, Load load, DispatchCounter counter, PostgresServer postgres,
            List<TcpProxy> proxies) {
        // While the database is down the sender refuses submissions (nothing can be recorded), so the stream runs
        // longer by the outage, and at least the planned number is accepted.
        int n = plan.notices() + (fault == Fault.DATABASE_OUTAGE
                ? (int) (1.5 * plan.perSecond() * plan.databaseOutage().toSeconds()) : 0);
        if (fault == Fault.SENDER_CRASH) {
            int batch = (int) (n * 0.4);
            load.submit(0, batch, plan.perSecond());
            // Every notice of the batch has its answer: kill the sender right after its last 202.
            region.node(SENDER).kill();
            report("killed " + SENDER + " (SIGKILL) right after it accepted " + load.accepted().size(), load, counter);
            NodeProcess.pause(DOWN);
            region.node(SENDER).start();
            faultEnds.add(Instant.now());
            load.submit(batch, n, plan.perSecond());
            return;
        }
        // The flood drill measures the delay a flood adds to another peer's notices, so its stream runs below what
        // the freshly started nodes keep up with: at the full rate the notices would queue behind one another anyway.
        double rate = fault == Fault.FLOOD ? Math.min(plan.perSecond(), FLOOD_RATE) : plan.perSecond();
        int count = fault == Fault.FLOOD ? Math.min(n, FLOOD_NOTICES) : n;
        Thread submitter = new Thread(() -> load.submit(0, count, rate), "drill-load");
        submitter.start();
        Instant start = Instant.now();
        Duration stream = Duration.ofMillis((long) (count / rate * 1000));
        switch (fault) {
            case RECEIVER_CRASH -> {
                crashAt(region, RECEIVER, start.plus(stream.multipliedBy(25).dividedBy(100)), load, counter);
                crashAt(region, RECEIVER, start.plus(stream.multipliedBy(60).dividedBy(100)), load, counter);
            }
            case BASELINE -> report("no fault", load, counter);
            case HUB_CRASH -> crashAt(region, HUB, start.plus(stream.multipliedBy(40).dividedBy(100)), load, counter);
            case PARTITION -> {
                waitUntil(start.plus(stream.multipliedBy(30).dividedBy(100)), load, counter);
                proxies.forEach(TcpProxy::cut);
                report("cut the link " + SENDER + "-" + RECEIVER + " for " + plan.partition().toSeconds() + " s", load,
                        counter);
                waitUntil(Instant.now().plus(plan.partition()), load, counter);
                proxies.forEach(TcpProxy::heal);
                faultEnds.add(Instant.now());
                report("healed the link", load, counter);
            }
            case FROZEN_LINK -> {
                waitUntil(start.plus(stream.multipliedBy(30).dividedBy(100)), load, counter);
                proxies.forEach(TcpProxy::freeze);
                Instant frozen = Instant.now();
                report("froze the link " + SENDER + "-" + RECEIVER + " for " + plan.partition().toSeconds()
                        + " s (connections accepted, nothing forwarded)", load, counter);
                Map<String, Duration> seen = watchLink(region, frozen, frozen.plus(plan.partition()),
                        state -> !state.equals("UP"), state -> state.equals("DOWN"));
                proxies.forEach(TcpProxy::heal);
                Instant healed = Instant.now();
                faultEnds.add(healed);
                report("healed the link", load, counter);
                Map<String, Duration> back = watchLink(region, healed, healed.plus(LINK_UP_AGAIN_WITHIN),
                        state -> state.equals("UP"), state -> state.equals("UP"));
                judgeLink(seen, back);
            }
            case FLOOD -> {
                waitUntil(start.plus(stream.multipliedBy(50).dividedBy(100)), load, counter);
                report(HUB + "'s certificate floods " + RECEIVER + "'s inbox with junk for "
                        + FLOOD_LENGTH.toSeconds() + " s", load, counter);
                floodStart = Instant.now();
                flood = new Flooder(HUB, region.peerPort(RECEIVER), region.pki().node(HUB).tlsKeystore(),
                        region.pki().truststore(), region.pki().password()).flood(FLOOD_LENGTH, RECEIVER);
                floodEnd = Instant.now();
                faultEnds.add(floodEnd);
                report("the flood ended: " + flood.sent() + " junk messages confirmed, " + flood.refused()
                        + " refused by " + RECEIVER + "'s limits, " + flood.unconfirmed()
                        + " sent unconfirmed", load, counter);
                String health = get(region.node(RECEIVER).api().resolve("/health"));
                if (!health.contains("\"status\":\"UP\"")) {
                    healthProblems++;
                    notes.add(RECEIVER + " was not healthy right after the flood: " + health);
                }
            }
            case DATABASE_OUTAGE -> {
                waitUntil(start.plus(stream.multipliedBy(30).dividedBy(100)), load, counter);
                postgres.crash();
                report("stopped PostgreSQL (immediate) for " + plan.databaseOutage().toSeconds() + " s", load,
                        counter);
                waitUntil(Instant.now().plus(plan.databaseOutage()), load, counter);
                postgres.resume();
                faultEnds.add(Instant.now());
                report("PostgreSQL is back", load, counter);
            }
            default -> throw new IllegalStateException("no timeline for " + fault);
        }
        try {
            while (submitter.isAlive()) {
                submitter.join(5_000);
                report("streaming", load, counter);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Reads the sender's /health for the receiver's link every half second until {@code until} (or until the second
     * condition held); when each condition first held, from {@code from}, under the keys "first" and "second".
     */
    private Map<String, Duration> watchLink(DrillRegion region, Instant from, Instant until,
            java.util.function.Predicate<String> first, java.util.function.Predicate<String> second) {
        Map<String, Duration> seen = new java.util.LinkedHashMap<>();
        String last = "";
        while (Instant.now().isBefore(until) && !seen.containsKey("second")) {
            String state = linkState(region);
            Duration at = Duration.between(from, Instant.now());
            if (!state.equals(last)) {
                progress.accept(String.format(Locale.ROOT, "  [%s] %.1f s: %s's /health shows %s as %s", fault.id(),
                        at.toMillis() / 1000.0, SENDER, RECEIVER, state));
                last = state;
            }
            if (first.test(state)) {
                seen.putIfAbsent("first", at);
            }
            if (second.test(state)) {
                seen.putIfAbsent("second", at);
            }
            NodeProcess.pause(Duration.ofMillis(500));
        }
        NodeProcess.pause(Duration.between(Instant.now(), until).isNegative() ? Duration.ZERO
                : Duration.between(Instant.now(), until));
        return seen;
    }

    private String linkState(DrillRegion region) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(get(region.node(SENDER).api()
                    .resolve("/health"))).path("peers").path(RECEIVER).path("state").asText("missing");
        } catch (java.io.IOException e) {
            return "unreadable";
        }
    }

    private void judgeLink(Map<String, Duration> frozen, Map<String, Duration> healed) {
        Duration notUp = frozen.get("first");
        Duration down = frozen.get("second");
        Duration up = healed.get("second");
        notes.add(String.format(Locale.ROOT, "%s's /health after the freeze: not UP after %s, DOWN after %s"
                + " (down-after %d s); UP again %s after healing", SENDER, seconds(notUp), seconds(down),
                DOWN_AFTER.toSeconds(), seconds(up)));
        if (notUp == null || notUp.compareTo(LINK_NOT_UP_WITHIN) > 0) {
            healthProblems++;
            notes.add("the frozen link still showed UP after " + LINK_NOT_UP_WITHIN.toSeconds() + " s");
        }
        if (plan.partition().compareTo(DOWN_AFTER.plusSeconds(15)) >= 0
                && (down == null || down.compareTo(DOWN_AFTER.plusSeconds(15)) > 0)) {
            healthProblems++;
            notes.add("the frozen link was not DOWN within " + DOWN_AFTER.plusSeconds(15).toSeconds() + " s");
        }
        if (up == null) {
            healthProblems++;
            notes.add("the healed link was not UP within " + LINK_UP_AGAIN_WITHIN.toSeconds() + " s");
        }
    }

    private static String seconds(Duration duration) {
        return duration == null ? "never" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private void crashAt(DrillRegion region, String node, Instant at, Load load, DispatchCounter counter) {
        waitUntil(at, load, counter);
        region.node(node).kill();
        report("killed " + node + " (SIGKILL)", load, counter);
        NodeProcess.pause(DOWN);
        region.node(node).start();
        faultEnds.add(Instant.now());
        report("restarted " + node, load, counter);
    }

    private void waitUntil(Instant at, Load load, DispatchCounter counter) {
        Instant lastReport = Instant.now();
        while (Instant.now().isBefore(at)) {
            NodeProcess.pause(Duration.ofMillis(Math.min(250, Math.max(1, Duration.between(Instant.now(), at)
                    .toMillis()))));
            if (Duration.between(lastReport, Instant.now()).toSeconds() >= 5) {
                report("streaming", load, counter);
                lastReport = Instant.now();
            }
        }
    }

    /** Until the sender holds a receipt for every accepted notice and the subscriber has them all. */
    private void awaitDrain(DrillRegion region, Load load, DispatchCounter counter) {
        Instant deadline = Instant.now().plus(plan.drainTimeout());
        int accepted = load.accepted().size();
        while (Instant.now().isBefore(deadline)) {
            String summary = get(region.node(SENDER).api().resolve("/api/v1/delivery-summary"));
            // A node of an older build has no summary: the subscriber's count alone decides, the stores tell the rest.
            boolean senderDone = !summary.contains("\"queued\"")
                    || (summary.contains("\"queued\":0,") && summary.contains("\"forwarded\":0,"));
            if (senderDone && counter.messageIds().containsAll(load.accepted().keySet())) {
                report("drained", load, counter);
                return;
            }
            report("draining (" + SENDER + " " + summary + ", subscriber has " + counter.received() + "/" + accepted
                    + ")", load, counter);
            NodeProcess.pause(Duration.ofSeconds(2));
        }
        report("not drained after " + plan.drainTimeout().toSeconds() + " s; counting what there is", load, counter);
    }

    private void measureRecoveries(DispatchCounter counter) {
        for (Instant end : faultEnds) {
            counter.firstArrivalAfter(end).ifPresent(first -> recoveries.add(Duration.between(end, first)));
        }
    }

    private DrillResult count(DrillRegion region, Load load, DispatchCounter counter, long deadLettered,
            Duration drain, double acceptedPerSecond) {
        Map<String, DrillAudit> audits = new java.util.LinkedHashMap<>();
        for (String node : region.nodes()) {
            audits.put(node, new DrillAudit(region.databaseUrl(node), region.databaseUser(node),
                    new AuditAnchor(region.dataDir(node).resolve("audit").resolve("anchor.json"))));
        }
        List<String> recipients = fault == Fault.HUB_CRASH ? List.of(HUB, RECEIVER) : List.of(RECEIVER);
        DrillAudit sender = audits.get(SENDER);
        int stored = 0;
        int lost = 0;
        int unrecorded = 0;
        int stuck = 0;
        List<String> problems = new ArrayList<>();
        for (String messageId : load.accepted().keySet()) {
            boolean everywhere = recipients.stream().allMatch(r -> audits.get(r).stored(messageId));
            stored += everywhere ? 1 : 0;
            lost += everywhere ? 0 : 1;
            unrecorded += sender.recorded(messageId) ? 0 : 1;
            stuck += sender.undelivered(messageId) ? 1 : 0;
        }
        int auditProblems = 0;
        for (Map.Entry<String, DrillAudit> node : audits.entrySet()) {
            if (node.getValue().chainProblem().isPresent()) {
                auditProblems++;
                problems.add(node.getKey() + " audit: " + node.getValue().chainProblem().get());
            }
        }
        for (String recipient : recipients) {
            long missing = load.accepted().keySet().stream().filter(id -> audits.get(recipient).stored(id))
                    .filter(id -> !audits.get(recipient).auditedReceived(id)).count();
            if (missing > 0) {
                auditProblems++;
                problems.add(recipient + " audit: " + missing + " stored notices have no RECEIVED entry");
            }
        }
        int delivered = (int) load.accepted().keySet().stream().filter(counter.messageIds()::contains).count();
        int quarantined = audits.values().stream().mapToInt(DrillAudit::quarantined).sum();
        if (fault == Fault.FLOOD) {
            // The flood's junk is quarantined by design; what counts is that nothing else was, and that the junk
            // kept stays within the hour's budget.
            int junkKept = audits.get(RECEIVER).quarantinedFrom(HUB);
            quarantined -= junkKept;
            judgeFlood(load, audits.get(RECEIVER), junkKept, audits.get(RECEIVER).repeatsFrom(HUB));
        }
        return new DrillResult(fault.id(), load.accepted().size(), load.refused(), stored, lost, delivered,
                (int) counter.duplicated(), unrecorded, stuck, auditProblems, quarantined, deadLettered,
                List.copyOf(recoveries), drain, acceptedPerSecond, deliveredPerSecond(load, counter), problems,
                load.unexplained(), healthProblems, notesWith(load));
    }

    /**
     * The well-behaved peer's notices submitted during the flood: how long after submission the receiver stored
     * them, by its own record (the drill's subscriber shares the drill's process with the flooder, so its arrival
     * times would measure the drill's own CPU too).
     */
    private void judgeFlood(Load load, DrillAudit receiver, int junkKept, long junkCounted) {
        List<Duration> late = new ArrayList<>();
        load.submittedAt().forEach((messageId, at) -> {
            if (!at.isBefore(floodStart) && !at.isAfter(floodEnd)) {
                receiver.storedAt(messageId).ifPresent(stored -> late.add(Duration.between(at, stored)));
            }
        });
        late.sort(Duration::compareTo);
        Duration max = late.isEmpty() ? null : late.get(late.size() - 1);
        Duration median = late.isEmpty() ? null : late.get(late.size() / 2);
        notes.add(String.format(Locale.ROOT, "flood of %d s: %d junk messages confirmed by %s, %d sends or"
                + " connections refused at its limits, %d sent unconfirmed (those into the full inbox dropped);"
                + " %d of %s's notices submitted"
                + " meanwhile, submit -> stored at %s median %s, max %s (bound %d s); junk kept in quarantine %d,"
                + " counted as repeats %d", FLOOD_LENGTH.toSeconds(), flood == null ? 0 : flood.sent(), RECEIVER,
                flood == null ? 0 : flood.refused(), flood == null ? 0 : flood.unconfirmed(), late.size(), SENDER,
                RECEIVER, seconds(median), seconds(max), FLOOD_BOUND.toSeconds(), junkKept, junkCounted));
        if (late.isEmpty()) {
            healthProblems++;
            notes.add("no notice of " + SENDER + " was submitted and delivered during the flood");
        } else if (max.compareTo(FLOOD_BOUND) > 0) {
            healthProblems++;
            notes.add(SENDER + "'s notices were held back by the flood for up to " + seconds(max));
        }
        if (junkKept > org.regionalexchange.node.broker.InboxLimits.DEFAULT.quarantinePerHour() * 2) {
            healthProblems++;
            notes.add("the flood's junk filled the quarantine: " + junkKept + " entries kept");
        }
    }

    private List<String> notesWith(Load load) {
        List<String> all = new ArrayList<>(notes);
        if (load.unexplained() > 0) {
            all.add(load.unexplained() + " refusals without a 503 problem body and Retry-After, the first: "
                    + load.firstUnexplained().orElse("?"));
        }
        return List.copyOf(all);
    }

    /** Accepted notices per second from the first submission until the subscriber had the last of them. */
    private static double deliveredPerSecond(Load load, DispatchCounter counter) {
        Instant last = counter.lastArrival().orElse(null);
        if (last == null || load.firstSubmission() == null) {
            return 0;
        }
        double seconds = Duration.between(load.firstSubmission(), last).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : load.accepted().size() / seconds;
    }

    private long deadLettered(URI api) {
        return get(api.resolve("/metrics")).lines().filter(line -> line.startsWith("regional_exchange_queue_depth")
                && line.contains("exchange.dead-letter")).mapToLong(line -> (long) Double.parseDouble(
                        line.substring(line.lastIndexOf(' ') + 1))).map(depth -> Math.max(0, depth)).sum();
    }

    private String get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Authorization", DrillRegion.authorization()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void report(String what, Load load, DispatchCounter counter) {
        progress.accept(String.format("%s: %s; submitted %d, accepted %d, refused %d, subscriber has %d", fault.id(),
                what, load.submitted(), load.accepted().size(), load.refused(), counter.received()));
    }
}
