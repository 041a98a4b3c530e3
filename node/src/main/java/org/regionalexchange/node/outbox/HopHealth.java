package org.regionalexchange.node.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each next hop is taking copies, as the delivery routes see it: a hop whose last attempt failed after its
 * last successful hand-over is stalled. Resending through a stalled hop only piles more copies behind the ones
 * already waiting for it.
 */
public final class HopHealth {

    private final Map<String, Instant> lastHandOver = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastFailure = new ConcurrentHashMap<>();
    private final Clock clock;

    public HopHealth(Clock clock) {
        this.clock = clock;
    }

    public void handedOver(String hop) {
        lastHandOver.put(hop, clock.instant());
    }

    public void failed(String hop) {
        lastFailure.put(hop, clock.instant());
    }

    public boolean isStalled(String hop) {
        Instant failure = lastFailure.get(hop);
        Instant handOver = lastHandOver.get(hop);
        return failure != null && (handOver == null || failure.isAfter(handOver));
    }
}
