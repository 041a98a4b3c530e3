package org.regionalexchange.node.bench;

import static org.regionalexchange.node.bench.BenchRegion.DIRECT;
import static org.regionalexchange.node.bench.BenchRegion.SENDER;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The pipeline over the direct link: several submitters saturate KZ's REST API with 2 KB notices for KG; measured
 * are the notices KZ accepted per second and those delivered per second (stored at KG and receipted back to KZ, from
 * KZ's delivery summary). When the load stops, the backlog still on its way and how long it takes to drain; then
 * the latency at half the delivered rate.
 */
final class PipelineRun {

    static final String PHASE = "pipeline";
    /**
     * The warm-up's load, lighter than the measured one. On 2 cores it still keeps both nodes near 1.9 cores of CPU
     * (measured), so it does not leave the JIT idle CPU; what it does is let the nodes settle before the saturating
     * load, and a 150 s warm-up at this load gave 67 delivered/s where 90 s at full load gave 48.
     */
    private static final int WARM_UP_SUBMITTERS = 2;
    /** From the warm-up load (or the last case's) to a steady saturated state, before a measured window. */
    static final Duration SATURATION_RAMP = Duration.ofSeconds(15);

    private final BenchRegion region;
    private final Consumer<String> progress;

    PipelineRun(BenchRegion region, Consumer<String> progress) {
        this.region = region;
        this.progress = progress;
    }

    /**
     * Saturated from the start, the C2 compiler gets too little CPU and the nodes run half-compiled code for
     * minutes: every phase in the region follows this warm-up at a lighter load over the direct link.
     */
    static void warmUp(BenchRegion region, BenchPlan plan, Meter meter) {
        Submitter submitter = new Submitter(region.api(SENDER), List.of(DIRECT), BenchDocument.seizureNotice(),
                "KZ-WARM-UP-");
        try (Workers warmUp = new Workers(PHASE + "-warm-up", WARM_UP_SUBMITTERS, () -> submitter::submitOne)) {
            meter.measure(PHASE + " warm-up, " + WARM_UP_SUBMITTERS + " submitters", plan.warmUp(), Duration.ZERO,
                    Map.of("accepted", submitter::accepted), warmUp::running);
        }
    }

    /** The ramp before a measured window: as long as the warm-up when that is shorter (a smoke run). */
    static Duration ramp(BenchPlan plan) {
        return plan.warmUp().compareTo(SATURATION_RAMP) < 0 ? plan.warmUp() : SATURATION_RAMP;
    }

    /** @param boundA seal+open msg/s with 1 recipient (plus KZ's own copy), by thread count */
    List<Figure> run(BenchPlan plan, Meter meter, Map<Integer, Double> boundA) {
        List<Figure> figures = new ArrayList<>();
        Submitter submitter = new Submitter(region.api(SENDER), List.of(DIRECT), BenchDocument.seizureNotice(),
                "KZ-BENCH-");
        Map<String, LongSupplier> counters = new LinkedHashMap<>();
        counters.put("accepted", submitter::accepted);
        long deliveredBefore = submitter.deliveredCopies();
        counters.put("delivered", () -> submitter.deliveredCopies() - deliveredBefore);
        counters.put("node CPU ms", region::cpuMillis);
        Map<String, Double> rates;
        try (Workers load = new Workers(PHASE + "-submitter", plan.submitters(), () -> submitter::submitOne)) {
            rates = meter.measure(PHASE + " " + SENDER + " -> " + DIRECT + ", " + plan.submitters() + " submitters",
                    ramp(plan), plan.duration(), counters, load::running);
        }
        long backlog = BenchRegion.onItsWay(submitter.deliverySummary());
        double delivered = rates.get("delivered");
        Duration drain = region.drain(PHASE, submitter, Duration.ofSeconds(Math.max(120, 5 * backlog
                / Math.max(1, (long) delivered))));
        figures.add(new Figure(PHASE, "accepted at " + SENDER, rates.get("accepted"), "msg/s"));
        figures.add(new Figure(PHASE, "delivered (stored at " + DIRECT + ", receipted to " + SENDER + ")", delivered,
                "msg/s"));
        figures.add(new Figure(PHASE, "CPU of the region's nodes per 1,000 delivered (JIT included)", delivered > 0
                ? rates.get("node CPU ms") / delivered : 0, "CPU s"));
        figures.add(new Figure(PHASE, "CPU of the region's nodes while saturated", rates.get("node CPU ms") / 1000,
                "cores"));
        figures.add(new Figure(PHASE, "refused by " + SENDER + " during the run", submitter.refused(), "notices"));
        figures.add(new Figure(PHASE, "backlog when the load stopped", backlog, "notices"));
        figures.add(new Figure(PHASE, "drain time of the backlog", drain.toMillis() / 1000.0, "s"));
        figures.addAll(latency(plan, submitter, delivered / 2));
        boundA.forEach((threads, bound) -> figures.add(new Figure(PHASE, String.format(Locale.ROOT,
                "delivered / bound A (1 recipient + sender's copy, %d thread%s)", threads, threads == 1 ? "" : "s"),
                bound > 0 ? delivered / bound : 0, "ratio")));
        return figures;
    }

    /** Submit -> stored and submit -> receipt percentiles at a fixed offered rate, after all of it is receipted. */
    private List<Figure> latency(BenchPlan plan, Submitter submitter, double rate) {
        double offered = Math.max(1, rate);
        progress.accept(String.format(Locale.ROOT, "[%s] latency at %.0f notices/s, half the delivered rate, for %d s",
                PHASE, offered, plan.duration().toSeconds()));
        LatencyRun run = new LatencyRun(progress);
        Instant since = Instant.now().minusSeconds(1);
        Map<String, Instant> sent = run.offer(submitter, offered, plan.duration());
        region.drain(PHASE, submitter, Duration.ofSeconds(Math.max(120, 3 * sent.size() / (long) offered)));
        List<Double> stored = run.stored(submitter, region.api(DIRECT), sent, since);
        List<Double> receipted = run.receipted(submitter, sent);
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure(PHASE, "latency run: offered rate (half the delivered rate)", offered, "msg/s"));
        figures.add(new Figure(PHASE, "latency run: notices submitted", sent.size(), "notices"));
        percentiles(figures, "submit -> stored at " + DIRECT, stored);
        percentiles(figures, "submit -> signed receipt at " + SENDER, receipted);
        if (stored.size() < sent.size() || receipted.size() < sent.size()) {
            throw new IllegalStateException(PHASE + ": of " + sent.size() + " notices of the latency run, "
                    + stored.size() + " were found stored at " + DIRECT + " and " + receipted.size()
                    + " delivered at " + SENDER + "; see the node logs in " + region.folder());
        }
        return figures;
    }

    private static void percentiles(List<Figure> figures, String name, List<Double> millis) {
        for (double share : List.of(0.5, 0.95, 0.99)) {
            figures.add(new Figure(PHASE, name + ", p" + Math.round(share * 100), LatencyRun.percentile(millis, share),
                    "ms"));
        }
    }
}
