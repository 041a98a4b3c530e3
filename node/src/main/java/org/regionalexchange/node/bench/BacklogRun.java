package org.regionalexchange.node.bench;

import static org.regionalexchange.node.bench.BenchRegion.DIRECT;
import static org.regionalexchange.node.bench.BenchRegion.SENDER;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.regionalexchange.node.faults.NodeProcess;

/**
 * A backlog, as a member's outage leaves one: KG is stopped, KZ accepts the plan's number of 2 KB notices for it,
 * then KG starts again and the time until every one is stored at KG and receipted to KZ is measured (from KG's
 * start, its start-up included, to KZ's last delivered status).
 */
final class BacklogRun {

    static final String PHASE = "backlog";

    private final BenchRegion region;
    private final Consumer<String> progress;

    BacklogRun(BenchRegion region, Consumer<String> progress) {
        this.region = region;
        this.progress = progress;
    }

    List<Figure> run(BenchPlan plan) throws InterruptedException {
        int count = plan.backlog();
        NodeProcess receiver = region.node(DIRECT);
        progress.accept(String.format(Locale.ROOT, "[%s] stopping %s, then queueing %,d notices for it at %s", PHASE,
                DIRECT, count, SENDER));
        receiver.stop();
        Submitter submitter = new Submitter(region.api(SENDER), List.of(DIRECT), BenchDocument.seizureNotice(),
                "KZ-BACKLOG-");
        AtomicLong left = new AtomicLong(count);
        long start = System.nanoTime();
        try (Workers workers = new Workers(PHASE + "-submitter", plan.submitters(), () -> () -> submitOne(submitter,
                left))) {
            long lastPrint = start;
            while (submitter.accepted() < count && workers.running()) {
                Thread.sleep(200);
                if (submitter.refused() > Math.max(1000, count / 10)) {
                    throw new IllegalStateException(PHASE + ": " + SENDER + " refused " + submitter.refused()
                            + " submissions while " + DIRECT + " was down; see " + region.folder().resolve(SENDER
                            + ".log"));
                }
                if (System.nanoTime() - lastPrint > Duration.ofSeconds(5).toNanos()) {
                    progress.accept(String.format(Locale.ROOT, "[%s] %,d of %,d queued", PHASE, submitter.accepted(),
                            count));
                    lastPrint = System.nanoTime();
                }
            }
        }
        double queueSeconds = (System.nanoTime() - start) / 1e9;
        progress.accept(String.format(Locale.ROOT, "[%s] %,d queued in %.0f s; starting %s", PHASE, count,
                queueSeconds, DIRECT));
        long restart = System.nanoTime();
        receiver.start();
        double startSeconds = (System.nanoTime() - restart) / 1e9;
        Duration drained = region.drain(PHASE, submitter, Duration.ofSeconds(Math.max(600, count / 20)));
        double seconds = startSeconds + drained.toMillis() / 1000.0;
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure(PHASE, "notices queued at " + SENDER + " while " + DIRECT + " was down", count,
                "notices"));
        figures.add(new Figure(PHASE, "accepted at " + SENDER + " while " + DIRECT + " was down", count
                / queueSeconds, "msg/s"));
        figures.add(new Figure(PHASE, DIRECT + "'s start-up", startSeconds, "s"));
        figures.add(new Figure(PHASE, "drain time, from " + DIRECT + "'s start to the last receipt at " + SENDER,
                seconds, "s"));
        figures.add(new Figure(PHASE, "drain rate", count / seconds, "msg/s"));
        return figures;
    }

    /** Takes one of the notices still to queue, and gives it back when KZ refused it. */
    private static void submitOne(Submitter submitter, AtomicLong left) throws InterruptedException {
        long remaining;
        do {
            remaining = left.get();
            if (remaining <= 0) {
                Thread.sleep(50);
                return;
            }
        } while (!left.compareAndSet(remaining, remaining - 1));
        if (submitter.submit() == null) {
            left.incrementAndGet();
        }
    }
}
