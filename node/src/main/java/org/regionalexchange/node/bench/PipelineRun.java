package org.regionalexchange.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.regionalexchange.node.faults.DrillRegion;

/**
 * The pipeline over a direct link: KZ and KG as separate JVMs on loopback, as the fault drills run them. Several
 * submitters saturate KZ's REST API; measured are the notices KZ accepted per second and those delivered per second
 * (stored at KG and receipted back to KZ, from KZ's delivery summary). When the load stops, the backlog still on
 * its way and how long it takes to drain.
 */
final class PipelineRun {

    static final String PHASE = "pipeline";
    private static final String SENDER = "KZ";
    private static final String RECEIVER = "KG";
    /**
     * The warm-up's load, lighter than the measured one. On 2 cores it still keeps both nodes near 1.9 cores of CPU
     * (measured), so it does not leave the JIT idle CPU; what it does is let the nodes settle before the saturating
     * load, and a 150 s warm-up at this load gave 67 delivered/s where 90 s at full load gave 48.
     */
    private static final int WARM_UP_SUBMITTERS = 2;
    /** From the warm-up load to a steady saturated state, before the measured window. */
    private static final Duration SATURATION_RAMP = Duration.ofSeconds(15);

    private final Path folder;
    private final Consumer<String> progress;

    PipelineRun(Path folder, Consumer<String> progress) {
        this.folder = folder;
        this.progress = progress;
    }

    /** @param boundA seal+open msg/s with 1 recipient (plus KZ's own copy), by thread count */
    List<Figure> run(BenchPlan plan, Meter meter, Map<Integer, Double> boundA) {
        List<Figure> figures = new ArrayList<>();
        try (DrillRegion region = new DrillRegion(folder, List.of(SENDER, RECEIVER), List.of(List.of(SENDER,
                RECEIVER)), plan.nodeClasspath())) {
            progress.accept("[" + PHASE + "] starting " + RECEIVER + " and " + SENDER + " (logs in " + folder + ")");
            region.node(RECEIVER).start();
            region.node(SENDER).start();
            Submitter submitter = new Submitter(region.node(SENDER).api(), RECEIVER);
            Map<String, LongSupplier> counters = new LinkedHashMap<>();
            counters.put("accepted", submitter::accepted);
            counters.put("delivered", () -> submitter.deliverySummary().path("delivered").asLong());
            counters.put("node CPU ms", () -> region.node(SENDER).cpuMillis() + region.node(RECEIVER).cpuMillis());
            // Saturated from the start, the C2 compiler gets too little CPU and the nodes run half-compiled code for
            // minutes: the warm-up runs at a lighter load, then the load ramps up before the measured window.
            try (Workers warmUp = new Workers(PHASE + "-warm-up", WARM_UP_SUBMITTERS, () -> submitter::submitOne)) {
                meter.measure(PHASE + " warm-up, " + WARM_UP_SUBMITTERS + " submitters", plan.warmUp(), Duration.ZERO,
                        counters, warmUp::running);
            }
            Map<String, Double> rates;
            try (Workers load = new Workers(PHASE + "-submitter", plan.submitters(), () -> submitter::submitOne)) {
                rates = meter.measure(PHASE + " " + SENDER + " -> " + RECEIVER + ", " + plan.submitters()
                        + " submitters", plan.warmUp().compareTo(SATURATION_RAMP) < 0 ? plan.warmUp()
                        : SATURATION_RAMP, plan.duration(), counters, load::running);
            }
            long backlog = onItsWay(submitter.deliverySummary());
            Duration drain = drain(submitter, Duration.ofSeconds(Math.max(120, 5 * backlog / Math.max(1,
                    rates.get("delivered").longValue()))));
            figures.add(new Figure(PHASE, "accepted at " + SENDER, rates.get("accepted"), "msg/s"));
            figures.add(new Figure(PHASE, "delivered (stored at " + RECEIVER + ", receipted to " + SENDER + ")",
                    rates.get("delivered"), "msg/s"));
            double delivered = rates.get("delivered");
            figures.add(new Figure(PHASE, "CPU of both nodes per 1,000 delivered (" + SENDER + " and " + RECEIVER
                    + ", JIT included)", delivered > 0 ? rates.get("node CPU ms") / delivered : 0, "CPU s"));
            figures.add(new Figure(PHASE, "CPU of both nodes while saturated", rates.get("node CPU ms") / 1000,
                    "cores"));
            figures.add(new Figure(PHASE, "refused by " + SENDER + " during the run", submitter.refused(),
                    "notices"));
            figures.add(new Figure(PHASE, "backlog when the load stopped", backlog, "notices"));
            figures.add(new Figure(PHASE, "drain time of the backlog", drain.toMillis() / 1000.0, "s"));
            figures.addAll(latency(plan, region, submitter, delivered / 2));
            boundA.forEach((threads, bound) -> figures.add(new Figure(PHASE, String.format(Locale.ROOT,
                    "delivered / bound A (1 recipient + sender's copy, %d thread%s)", threads, threads == 1 ? ""
                    : "s"), bound > 0 ? rates.get("delivered") / bound : 0, "ratio")));
        }
        return figures;
    }

    /** Submit -> stored and submit -> receipt percentiles at a fixed offered rate, after all of it is receipted. */
    private List<Figure> latency(BenchPlan plan, DrillRegion region, Submitter submitter, double rate) {
        double offered = Math.max(1, rate);
        progress.accept(String.format(Locale.ROOT, "[%s] latency at %.0f notices/s, half the delivered rate, for %d s",
                PHASE, offered, plan.duration().toSeconds()));
        LatencyRun run = new LatencyRun(progress);
        java.time.Instant since = java.time.Instant.now().minusSeconds(1);
        Map<String, java.time.Instant> sent = run.offer(submitter, offered, plan.duration());
        drain(submitter, Duration.ofSeconds(Math.max(120, 3 * sent.size() / (long) offered)));
        List<Double> stored = run.stored(submitter, region.node(RECEIVER).api(), sent, since);
        List<Double> receipted = run.receipted(submitter, sent);
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure(PHASE, "latency run: offered rate (half the delivered rate)", offered, "msg/s"));
        figures.add(new Figure(PHASE, "latency run: notices submitted", sent.size(), "notices"));
        percentiles(figures, "submit -> stored at " + RECEIVER, stored);
        percentiles(figures, "submit -> signed receipt at " + SENDER, receipted);
        if (stored.size() < sent.size() || receipted.size() < sent.size()) {
            throw new IllegalStateException(PHASE + ": of " + sent.size() + " notices of the latency run, "
                    + stored.size() + " were found stored at " + RECEIVER + " and " + receipted.size()
                    + " delivered at " + SENDER + "; see the node logs in " + folder);
        }
        return figures;
    }

    private static void percentiles(List<Figure> figures, String name, List<Double> millis) {
        for (double share : List.of(0.5, 0.95, 0.99)) {
            figures.add(new Figure(PHASE, name + ", p" + Math.round(share * 100), LatencyRun.percentile(millis, share),
                    "ms"));
        }
    }

    /** Until nothing is queued or forwarded at the sender; how long that took. */
    private Duration drain(Submitter submitter, Duration timeout) {
        long start = System.nanoTime();
        long lastPrint = start;
        while (true) {
            long left = onItsWay(submitter.deliverySummary());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (left == 0) {
                progress.accept(String.format(Locale.ROOT, "[%s] drained in %.1f s", PHASE,
                        elapsed.toMillis() / 1000.0));
                return elapsed;
            }
            if (elapsed.compareTo(timeout) > 0) {
                throw new IllegalStateException(PHASE + ": " + left + " notices still on their way after "
                        + timeout.toSeconds() + " s; see the node logs in " + folder);
            }
            if (System.nanoTime() - lastPrint > Duration.ofSeconds(5).toNanos()) {
                progress.accept("[" + PHASE + "] draining " + elapsed.toSeconds() + " s: " + left + " on their way");
                lastPrint = System.nanoTime();
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
    }

    private static long onItsWay(JsonNode summary) {
        return summary.path("queued").asLong() + summary.path("forwarded").asLong();
    }
}
