package org.regionalexchange.node.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one benchmark run does.
 *
 * @param warmUp how long each phase runs before it is measured
 * @param duration how long each phase is measured, shared among its cases
 * @param folder PKIs, broker journal, node data and logs, and the reports
 * @param nodeClasspath what the pipeline's node JVMs run from
 * @param submitters concurrent REST submitters that saturate the sender in the pipeline phases
 * @param backlog notices queued for KG while it is down, then drained, in the backlog phase
 * @param phases which phases run (all for a report; one alone while profiling a change)
 */
public record BenchPlan(Duration warmUp, Duration duration, Path folder, String nodeClasspath, int submitters,
        int backlog, java.util.Set<Phase> phases) {

    /**
     * The parts of a run: the two bounds, then the region's phases measured against them: the direct link saturated
     * and at half its rate, the paths, recipient counts and sizes, and a backlog's drain.
     */
    public enum Phase {
        CRYPTO, BROKER, PIPELINE, SCALING, BACKLOG;

        /** Whether the phase needs the region of node JVMs. */
        boolean inRegion() {
            return this == PIPELINE || this == SCALING || this == BACKLOG;
        }
    }

    /** The backlog the drain target is stated for, and the command's default. */
    public static final int BACKLOG = 100_000;

    public BenchPlan(Duration warmUp, Duration duration, Path folder, String nodeClasspath, int submitters,
            int backlog) {
        this(warmUp, duration, folder, nodeClasspath, submitters, backlog, java.util.EnumSet.allOf(Phase.class));
    }

    public BenchPlan {
        phases = java.util.Set.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("at least one phase must run");
        }
        if (duration.isNegative() || duration.isZero() || warmUp.isNegative()) {
            throw new IllegalArgumentException("the duration must be positive and the warm-up not negative");
        }
        if (submitters < 1) {
            throw new IllegalArgumentException("at least one submitter is needed");
        }
        if (backlog < 1 && phases.contains(Phase.BACKLOG)) {
            throw new IllegalArgumentException("the backlog phase needs a backlog of at least one notice");
        }
    }

    boolean runs(Phase phase) {
        return phases.contains(phase);
    }

    /** One case's share of a phase measured over {@code cases} cases. */
    Duration share(int cases) {
        return duration.dividedBy(cases);
    }
}
