package org.regionalexchange.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.regionalexchange.node.faults.DrillRegion;
import org.regionalexchange.node.faults.NodeProcess;

/**
 * The region the pipeline phases run in: CARICC's hub and six members, each a separate JVM on loopback as the fault
 * drills run them. KZ and KG share a direct link; every other path goes through CARICC. REGIONAL stands for the
 * five Central Asian members and CARICC, so a REGIONAL notice from KZ has five recipients; AZ is addressed by id
 * only, for the six-recipient case.
 */
final class BenchRegion implements AutoCloseable {

    static final String SENDER = "KZ";
    static final String DIRECT = "KG";
    static final String HUB = "CARICC";
    /** Started in this order, the sender last, so that every peer is up when it starts. */
    static final List<String> NODES = List.of(HUB, "KG", "TJ", "TM", "UZ", "AZ", SENDER);
    static final List<String> REGIONAL = List.of(HUB, SENDER, "KG", "TJ", "TM", "UZ");
    /** How often a drain confirms its progress from the delivery summary rather than the receipt metrics. */
    private static final Duration SUMMARY_EVERY = Duration.ofSeconds(15);

    private final Path folder;
    private final Consumer<String> progress;
    private final DrillRegion region;

    BenchRegion(Path folder, String classpath, Consumer<String> progress) {
        this.folder = folder;
        this.progress = progress;
        this.region = new DrillRegion(folder, NODES, List.of(List.of(SENDER, DIRECT)), classpath);
        NODES.forEach(node -> region.set(node, "node.region", String.join(",", REGIONAL)));
        // The backlog phase measures a backlog on the direct link: KG is stopped for minutes, and once the link
        // looked DOWN, KZ would send the backlog through CARICC instead (see NextHopResolver).
        region.set(SENDER, "node.links.down-after", "PT24H");
    }

    void start() {
        for (String node : NODES) {
            progress.accept("[region] starting " + node + " (log in " + folder.resolve(node + ".log") + ")");
            region.node(node).start();
        }
    }

    NodeProcess node(String node) {
        return region.node(node);
    }

    URI api(String node) {
        return region.node(node).api();
    }

    Path folder() {
        return folder;
    }

    /** CPU milliseconds all the region's node JVMs have used (the hub's relaying and the idle members' included). */
    long cpuMillis() {
        return NODES.stream().mapToLong(node -> region.node(node).cpuMillis()).sum();
    }

    /**
     * Waits until nothing the submitter's node sent is queued or forwarded any more; how long that took. Progress is
     * followed on the sender's receipt metrics every second; the delivery summary, which counts every row the node
     * ever sent, is read only to confirm the end (and every {@link #SUMMARY_EVERY}, for rejected copies).
     *
     * @param label the phase, for the progress lines and the error
     * @throws IllegalStateException when some are still on their way after the timeout
     */
    Duration drain(String label, Submitter submitter, Duration timeout) {
        long start = System.nanoTime();
        long lastPrint = start;
        // The metrics are read before the summary: a copy receipted while the summary is counted is then subtracted
        // twice, so the estimate can only reach zero early (and the summary confirms), never stall above it.
        long deliveredThen = submitter.deliveredCopies();
        long counted = onItsWay(submitter.deliverySummary());
        long countedAt = System.nanoTime();
        while (true) {
            long left = counted - (submitter.deliveredCopies() - deliveredThen);
            if (left <= 0 || System.nanoTime() - countedAt > SUMMARY_EVERY.toNanos()) {
                deliveredThen = submitter.deliveredCopies();
                counted = onItsWay(submitter.deliverySummary());
                countedAt = System.nanoTime();
                left = counted;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (left == 0) {
                progress.accept(String.format(Locale.ROOT, "[%s] drained in %.1f s", label,
                        elapsed.toMillis() / 1000.0));
                return elapsed;
            }
            if (elapsed.compareTo(timeout) > 0) {
                throw new IllegalStateException(label + ": " + left + " recipient copies still on their way after "
                        + timeout.toSeconds() + " s; see the node logs in " + folder);
            }
            if (System.nanoTime() - lastPrint > Duration.ofSeconds(5).toNanos()) {
                progress.accept("[" + label + "] draining " + elapsed.toSeconds() + " s: " + left
                        + " recipient copies on their way");
                lastPrint = System.nanoTime();
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }

    /** Recipient copies queued or handed over but not yet receipted, from the sender's delivery summary. */
    static long onItsWay(JsonNode summary) {
        return summary.path("queued").asLong() + summary.path("forwarded").asLong();
    }

    @Override
    public void close() {
        region.close();
    }
}
