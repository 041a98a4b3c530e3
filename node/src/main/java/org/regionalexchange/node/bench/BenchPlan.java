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
 * @param submitters concurrent REST submitters that saturate the sender in the pipeline phase
 */
public record BenchPlan(Duration warmUp, Duration duration, Path folder, String nodeClasspath, int submitters) {

    public BenchPlan {
        if (duration.isNegative() || duration.isZero() || warmUp.isNegative()) {
            throw new IllegalArgumentException("the duration must be positive and the warm-up not negative");
        }
        if (submitters < 1) {
            throw new IllegalArgumentException("at least one submitter is needed");
        }
    }

    /** One case's share of a phase measured over {@code cases} cases. */
    Duration share(int cases) {
        return duration.dividedBy(cases);
    }
}
