package org.regionalexchange.node.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each next hop is taking copies, from what really happened: hand-overs the peer's broker accepted, and
 * heartbeats it answered while there was nothing to hand over (see {@link LinkProbe}). A TCP connect proves nothing
 * here: a link that accepts connections but forwards nothing looks open to it.
 *
 * <ul>
 *   <li>{@link LinkState#UP}: a hand-over or heartbeat succeeded within {@code upWithin}, and no attempt failed in
 *       that time after the last hand-over (a heartbeat proves the connection, not that the peer takes messages: a
 *       peer whose inbox is full answers heartbeats but refuses hand-overs);
 *   <li>{@link LinkState#DEGRADED}: the last success is older than {@code upWithin}, or an attempt failed recently,
 *       but something succeeded within {@code downAfter};
 *   <li>{@link LinkState#DOWN}: nothing succeeded within {@code downAfter}, or ever since the node started.
 * </ul>
 * A hop whose last attempt failed after its last successful hand-over is also <em>stalled</em>: resending through
 * it only piles more copies behind the ones already waiting for it.
 */
public final class HopHealth {

    public static final Duration DEFAULT_UP_WITHIN = Duration.ofSeconds(15);
    public static final Duration DEFAULT_DOWN_AFTER = Duration.ofSeconds(60);

    /** What one link looks like now; the instants are empty when it never happened since the node started. */
    public record Link(LinkState state, Optional<Instant> lastHandOver, Optional<Instant> lastSuccess,
            Optional<Instant> lastFailure) {}

    private final Map<String, Instant> lastHandOver = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastHeartbeat = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastFailure = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration upWithin;
    private final Duration downAfter;
    private final Instant startedAt;

    public HopHealth(Clock clock) {
        this(clock, DEFAULT_UP_WITHIN, DEFAULT_DOWN_AFTER);
    }

    public HopHealth(Clock clock, Duration upWithin, Duration downAfter) {
        if (downAfter.compareTo(upWithin) < 0) {
            throw new IllegalArgumentException("a link is down after " + downAfter + ", before it stops being up ("
                    + upWithin + ")");
        }
        this.clock = clock;
        this.upWithin = upWithin;
        this.downAfter = downAfter;
        this.startedAt = clock.instant();
    }

    public void handedOver(String hop) {
        lastHandOver.put(hop, clock.instant());
    }

    /** The peer's broker took a connection and a session as this node's own identity: the link carries traffic. */
    public void heartbeat(String hop) {
        lastHeartbeat.put(hop, clock.instant());
    }

    public void failed(String hop) {
        lastFailure.put(hop, clock.instant());
    }

    /**
     * Whether an attempt failed after the last successful hand-over (or with none yet): the hop is not taking copies,
     * whatever its heartbeat says.
     */
    public boolean isStalled(String hop) {
        Instant failure = lastFailure.get(hop);
        Instant handOver = lastHandOver.get(hop);
        return failure != null && (handOver == null || failure.isAfter(handOver));
    }

    /** Whether something went through recently enough that a heartbeat would tell nothing new. */
    boolean succeededWithin(String hop, Duration period) {
        return lastSuccess(hop).map(success -> !success.plus(period).isBefore(clock.instant())).orElse(false);
    }

    public Link link(String hop) {
        Optional<Instant> success = lastSuccess(hop);
        Optional<Instant> failure = Optional.ofNullable(lastFailure.get(hop));
        Optional<Instant> handOver = Optional.ofNullable(lastHandOver.get(hop));
        // A failure after the last successful hand-over (the hop is stalled), within up-within.
        boolean recentFailure = failure.filter(at -> handOver.map(at::isAfter).orElse(true))
                .filter(at -> !at.plus(upWithin).isBefore(clock.instant())).isPresent();
        return new Link(state(success, recentFailure), handOver, success, failure);
    }

    public LinkState state(String hop) {
        return link(hop).state();
    }

    /**
     * Whether copies should still be handed to this hop: its link is not {@link LinkState#DOWN}, or nothing has gone
     * through it yet and the node started less than {@code downAfter} ago. A link that never worked gets the same
     * grace as one that just went quiet, so a neighbour that starts a little later than this node (refusing the first
     * heartbeats) is not bypassed for it. What the next hop planning asks before it falls back to the hub.
     */
    public boolean isUsable(String hop) {
        return link(hop).state() != LinkState.DOWN || inStartGrace(hop);
    }

    /**
     * Whether nothing has gone through this hop yet and the node started less than {@code downAfter} ago: the grace
     * of a neighbour that starts a little later than this node.
     */
    public boolean inStartGrace(String hop) {
        return lastSuccess(hop).isEmpty() && !startedAt.plus(downAfter).isBefore(clock.instant());
    }

    private LinkState state(Optional<Instant> success, boolean recentFailure) {
        if (success.isEmpty()) {
            return LinkState.DOWN;
        }
        Duration age = Duration.between(success.get(), clock.instant());
        if (age.compareTo(downAfter) > 0) {
            return LinkState.DOWN;
        }
        if (age.compareTo(upWithin) > 0 || recentFailure) {
            return LinkState.DEGRADED;
        }
        return LinkState.UP;
    }

    private Optional<Instant> lastSuccess(String hop) {
        Instant handOver = lastHandOver.get(hop);
        Instant heartbeat = lastHeartbeat.get(hop);
        if (handOver == null) {
            return Optional.ofNullable(heartbeat);
        }
        return Optional.of(heartbeat == null || handOver.isAfter(heartbeat) ? handOver : heartbeat);
    }
}
