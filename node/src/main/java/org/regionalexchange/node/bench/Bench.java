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
        if (plan.runs(BenchPlan.Phase.PIPELINE)) {
            progress.accept("pipeline: KZ -> KG");
            Map<Integer, Double> boundA = new LinkedHashMap<>();
            crypto.stream().filter(figure -> figure.name().startsWith(CryptoBound.ONE_RECIPIENT))
                    .forEach(figure -> boundA.put(figure.name().endsWith("1 thread") ? 1 : 2, figure.value()));
            figures.addAll(new PipelineRun(plan.folder().resolve("pipeline"), progress).run(plan, meter, boundA));
        }
        return new BenchReport(plan, figures, Instant.now()).write();
    }
}
