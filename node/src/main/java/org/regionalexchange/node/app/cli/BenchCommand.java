package org.regionalexchange.node.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.regionalexchange.node.bench.Bench;
import org.regionalexchange.node.bench.BenchPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The throughput benchmark: cryptography alone, the broker alone, then a region of separate node processes under a
 * saturating REST load (KZ -> KG direct, by path, recipients and size, and a backlog's drain); prints progress while
 * it runs and writes a JSON and a Markdown report.
 */
@Command(name = "bench",
        description = "Measure throughput: seal+open alone, the broker alone, and the pipeline in a region of node"
                + " processes.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Option(names = "--duration", defaultValue = "PT60S",
            description = "How long each phase is measured, shared among its cases (default: ${DEFAULT-VALUE}).")
    Duration duration;
    @Option(names = "--warm-up", defaultValue = "PT60S", description = "How long each phase runs before it is"
            + " measured: at least PT60S for steady figures (default: ${DEFAULT-VALUE}).")
    Duration warmUp;
    @Option(names = "--submitters", defaultValue = "8",
            description = "Concurrent REST submitters in the pipeline phase (default: ${DEFAULT-VALUE}).")
    int submitters;
    @Option(names = "--backlog", defaultValue = "" + BenchPlan.BACKLOG, description = "Notices queued for KG while"
            + " it is down, then drained, in the BACKLOG phase (default: ${DEFAULT-VALUE}).")
    int backlog;
    @Option(names = "--phases", split = ",", defaultValue = "CRYPTO,BROKER,PIPELINE,SCALING,BACKLOG",
            description = "Which phases run, of ${COMPLETION-CANDIDATES} (default: all; one alone to profile a"
                    + " change).")
    java.util.Set<BenchPlan.Phase> phases;
    @Mixin
    WorkFolderOption workFolder;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = workFolder.create("regional-bench-");
        BenchPlan plan = new BenchPlan(warmUp, duration, folder, System.getProperty("java.class.path"), submitters,
                backlog, phases);
        out.printf("benchmark in %s: each phase %s warm-up, then %s measured%n", folder, warmUp, duration);
        out.flush();
        List<Path> report = new Bench(plan, line -> {
            out.println("  " + line);
            out.flush();
        }).run();
        out.printf("report: %s and %s%n", report.get(0), report.get(1));
        return 0;
    }
}
