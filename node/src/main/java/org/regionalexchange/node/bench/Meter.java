package org.regionalexchange.node.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Watches counters that other threads advance, through a warm-up and then a measured window, and gives each
 * counter's rate over the measured window only. Prints a progress line every few seconds with the phase, the elapsed
 * time and the rate since the last line, so a long run shows whether it is still moving.
 */
final class Meter {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration SAMPLE_EVERY = Duration.ofMillis(200);

    private final Consumer<String> progress;

    Meter(Consumer<String> progress) {
        this.progress = progress;
    }

    /** The rate per second of one counter; 0 for a warm-up alone (a zero duration). */
    double measure(String label, Duration warmUp, Duration duration, LongSupplier counter, BooleanSupplier alive) {
        return measure(label, warmUp, duration, Map.of("msg", counter), alive).getOrDefault("msg", 0.0);
    }

    /**
     * Waits out the warm-up, then the measured window, reading the counters at its two ends.
     *
     * @param alive false when the work failed: the wait ends early (the caller's close reports why)
     * @return each counter's rate per second in the measured window, in the counters' order; none for a warm-up
     *     alone (a zero duration)
     */
    Map<String, Double> measure(String label, Duration warmUp, Duration duration, Map<String, LongSupplier> counters,
            BooleanSupplier alive) {
        long start = System.nanoTime();
        wait(label, "warm-up", start, warmUp, counters, Sample.of(counters), alive);
        Sample first = Sample.of(counters);
        if (duration.isZero()) {
            progress.accept(String.format(Locale.ROOT, "[%s] warmed up for %.1f s", label,
                    (first.nanos() - start) / 1e9));
            return Map.of();
        }
        wait(label, "measuring", first.nanos(), duration, counters, first, alive);
        Sample end = Sample.of(counters);
        double seconds = (end.nanos() - first.nanos()) / 1e9;
        Map<String, Double> rates = new LinkedHashMap<>();
        for (String name : counters.keySet()) {
            rates.put(name, seconds <= 0 ? 0 : (end.counts().get(name) - first.counts().get(name)) / seconds);
        }
        progress.accept(String.format(Locale.ROOT, "[%s] measured %.1f s: %s", label, seconds, describe(rates)));
        return rates;
    }

    private Sample wait(String label, String stage, long from, Duration length, Map<String, LongSupplier> counters,
            Sample last, BooleanSupplier alive) {
        long end = from + length.toNanos();
        Sample printed = last;
        while (System.nanoTime() < end && alive.getAsBoolean()) {
            LockSupport.parkNanos(Math.min(SAMPLE_EVERY.toNanos(), end - System.nanoTime()));
            if (System.nanoTime() - printed.nanos() >= PROGRESS_EVERY.toNanos()) {
                Sample now = Sample.of(counters);
                double seconds = (now.nanos() - printed.nanos()) / 1e9;
                Map<String, Double> rates = new LinkedHashMap<>();
                for (String name : counters.keySet()) {
                    rates.put(name, (now.counts().get(name) - printed.counts().get(name)) / seconds);
                }
                progress.accept(String.format(Locale.ROOT, "[%s] %s %d/%d s: %s", label, stage,
                        Duration.ofNanos(now.nanos() - from).toSeconds(), length.toSeconds(), describe(rates)));
                printed = now;
            }
        }
        return printed;
    }

    private static String describe(Map<String, Double> rates) {
        return rates.entrySet().stream().map(rate -> String.format(Locale.ROOT, "%s %.1f/s", rate.getKey(),
                rate.getValue())).collect(Collectors.joining(", "));
    }

    private record Sample(long nanos, Map<String, Long> counts) {
        static Sample of(Map<String, LongSupplier> counters) {
            Map<String, Long> counts = new LinkedHashMap<>();
            counters.forEach((name, counter) -> counts.put(name, counter.getAsLong()));
            return new Sample(System.nanoTime(), counts);
        }
    }
}
