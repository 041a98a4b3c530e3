package org.regionalexchange.node.bench;

import static org.regionalexchange.node.bench.BenchRegion.SENDER;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The pipeline by path, recipient count and document size, each case saturated by the same submitters after a
 * ramp, and drained before the next begins, so no case inherits another's backlog. Compared with the 2 KB direct
 * case of the pipeline phase: the relay through CARICC, REGIONAL (five recipients), 3 and 6 recipients (set against
 * bound A for as many), and notices of 1, 8 and 64 KB.
 */
final class ScalingRun {

    static final String PHASE = "scaling";

    /**
     * One saturating load.
     *
     * @param name as the report shows it
     * @param recipients as submitted: node ids or REGIONAL
     * @param copies recipient copies per notice, REGIONAL expanded
     * @param bytes the notice's size
     */
    record Case(String name, List<String> recipients, int copies, int bytes) {}

    static final List<Case> CASES = List.of(
            new Case("relayed KZ -> CARICC -> TJ, 2 KB", List.of("TJ"), 1, BenchDocument.BYTES),
            new Case("REGIONAL from KZ (CARICC, KG, TJ, TM, UZ), 2 KB", List.of("REGIONAL"), 5, BenchDocument.BYTES),
            new Case("3 recipients (KG direct; TJ, TM via CARICC), 2 KB", List.of("KG", "TJ", "TM"), 3,
                    BenchDocument.BYTES),
            new Case("6 recipients (KG direct; CARICC, TJ, TM, UZ, AZ via CARICC), 2 KB", List.of("KG", "CARICC", "TJ",
                    "TM", "UZ", "AZ"), 6, BenchDocument.BYTES),
            new Case("KZ -> KG direct, 1 KB", List.of("KG"), 1, 1024),
            new Case("KZ -> KG direct, 8 KB", List.of("KG"), 1, 8 * 1024),
            new Case("KZ -> KG direct, 64 KB", List.of("KG"), 1, 64 * 1024));

    private final BenchRegion region;
    private final Consumer<String> progress;

    ScalingRun(BenchRegion region, Consumer<String> progress) {
        this.region = region;
        this.progress = progress;
    }

    /**
     * @param boundA seal+open msg/s on 2 threads by recipient count (1, 3, 6), for the ratio of the cases that have
     *     one
     */
    List<Figure> run(BenchPlan plan, Meter meter, Map<Integer, Double> boundA) {
        List<Figure> figures = new ArrayList<>();
        Duration measured = plan.duration().dividedBy(2);
        int number = 0;
        for (Case load : CASES) {
            number++;
            String label = PHASE + " " + number + "/" + CASES.size() + ": " + load.name();
            Submitter submitter = new Submitter(region.api(SENDER), load.recipients(), BenchDocument.seizureNotice(
                    load.bytes()), "KZ-CASE" + number + "-");
            Map<String, LongSupplier> counters = new LinkedHashMap<>();
            counters.put("accepted", submitter::accepted);
            long before = submitter.deliveredCopies();
            counters.put("copies delivered", () -> submitter.deliveredCopies() - before);
            counters.put("node CPU ms", region::cpuMillis);
            Map<String, Double> rates;
            try (Workers workers = new Workers(PHASE + "-submitter", plan.submitters(),
                    () -> submitter::submitOne)) {
                rates = meter.measure(label, PipelineRun.ramp(plan), measured, counters, workers::running);
            }
            long backlog = BenchRegion.onItsWay(submitter.deliverySummary());
            double notices = rates.get("copies delivered") / load.copies();
            region.drain(label, submitter, Duration.ofSeconds(Math.max(120, 5 * backlog / Math.max(1,
                    (long) rates.get("copies delivered").doubleValue()))));
            figures.add(new Figure(PHASE, load.name() + ": accepted at " + SENDER, rates.get("accepted"), "msg/s"));
            figures.add(new Figure(PHASE, load.name() + ": delivered to every recipient", notices, "msg/s"));
            if (load.copies() > 1) {
                figures.add(new Figure(PHASE, load.name() + ": recipient copies delivered", rates.get(
                        "copies delivered"), "msg/s"));
            }
            figures.add(new Figure(PHASE, load.name() + ": CPU of the region's nodes per 1,000 notices", notices > 0
                    ? rates.get("node CPU ms") / notices : 0, "CPU s"));
            Double bound = load.bytes() == BenchDocument.BYTES && !load.recipients().contains("REGIONAL")
                    ? boundA.get(load.copies()) : null;
            if (bound != null && bound > 0) {
                figures.add(new Figure(PHASE, String.format(Locale.ROOT, "%s: delivered / bound A (%d recipient%s, "
                        + "2 threads)", load.name(), load.copies(), load.copies() == 1 ? "" : "s"), notices / bound,
                        "ratio"));
            }
        }
        return figures;
    }
}
