package org.regionalexchange.node.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One benchmark run: bound A (cryptography), bound B (broker), then the pipeline, each in its own subfolder, then
 * the report. The bounds run first and in this JVM, so the pipeline's node JVMs have the machine to themselves.
 */
public final class Bench {

    private final BenchPlan plan;
    private final Consumer<String> progress;

    public Bench(BenchPlan plan, Consumer<String> progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /** Runs every phase and writes the report; returns the report files, JSON first. */
    public List<Path> run() {
        Meter meter = new Meter(progress);
        List<Figure> figures = new ArrayList<>();
        List<Figure> crypto = List.of();
        if (plan.runs(BenchPlan.Phase.CRYPTO)) {
            progress.accept("bound A: cryptography alone");
            crypto = new CryptoBound(plan.folder().resolve("crypto-pki")).run(plan, meter);
            figures.addAll(crypto);
        }
        if (plan.runs(BenchPlan.Phase.BROKER)) {
            progress.accept("bound B: the broker alone");
            figures.addAll(new BrokerBound(plan.folder().resolve("broker")).run(plan, meter));
        }
        if (plan.phases().stream().anyMatch(BenchPlan.Phase::inRegion)) {
            figures.addAll(inRegion(meter, crypto));
        }
        return new BenchReport(plan, figures, Instant.now()).write();
    }

    /** The phases that need the region of node JVMs, after one shared warm-up. */
    private List<Figure> inRegion(Meter meter, List<Figure> crypto) {
        List<Figure> figures = new ArrayList<>();
        try (BenchRegion region = new BenchRegion(plan.folder().resolve("pipeline"), plan.nodeClasspath(),
                progress)) {
            region.start();
            PipelineRun.warmUp(region, plan, meter);
            if (plan.runs(BenchPlan.Phase.PIPELINE)) {
                progress.accept("pipeline: KZ -> KG direct, saturated, then at half the rate");
                Map<Integer, Double> oneRecipient = new LinkedHashMap<>();
                crypto.stream().filter(figure -> figure.name().startsWith(CryptoBound.ONE_RECIPIENT))
                        .forEach(figure -> oneRecipient.put(figure.name().endsWith("1 thread") ? 1 : 2,
                                figure.value()));
                figures.addAll(new PipelineRun(region, progress).run(plan, meter, oneRecipient));
            }
            if (plan.runs(BenchPlan.Phase.SCALING)) {
                progress.accept("scaling: paths, recipients and sizes");
                Map<Integer, Double> twoThreads = new LinkedHashMap<>();
                crypto.stream().filter(figure -> figure.name().endsWith("2 threads")).forEach(figure -> twoThreads.put(
                        CryptoBound.recipients(figure.name()), figure.value()));
                figures.addAll(new ScalingRun(region, progress).run(plan, meter, twoThreads));
            }
            if (plan.runs(BenchPlan.Phase.BACKLOG)) {
                progress.accept("backlog: " + plan.backlog() + " notices queued while KG is down, then drained");
                figures.addAll(new BacklogRun(region, progress).run(plan));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return figures;
    }
}
