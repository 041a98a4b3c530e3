package org.regionalexchange.node.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator reads about a link to a peer, from the failed and successful hand-overs and heartbeats: a few
 * lines per outage, however many attempts it takes.
 *
 * <ul>
 *   <li>one WARN when the link starts failing: the peer, what failed (a hand-over and its messageId, or a
 *       heartbeat), the reason, and when the next attempt is;
 *   <li>one WARN when the link is {@link LinkState#DOWN} (nothing went through for node.links' down-after), which
 *       changes where its messages go: through the hub, or waiting in the outbox;
 *   <li>while it keeps failing, one WARN every {@code remindEvery} (15 minutes by default) with the count of failed
 *       attempts since the outage began and the latest reason; every other failed attempt at DEBUG only;
 *   <li>one INFO when it is {@link LinkState#UP} again, with how long the outage lasted.
 * </ul>
 *
 * A link that has not worked yet since the node started is given the grace {@link HopHealth#isUsable} gives it (a
 * neighbour starting a little later than this node): its failures within the grace are DEBUG. Expected network
 * failures are one line each, never a stack trace.
 */
public final class LinkLog {

    public static final Duration DEFAULT_REMIND_EVERY = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(LinkLog.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private final String self;
    private final HopHealth health;
    private final Clock clock;
    private final Duration remindEvery;
    private final Map<String, Outage> outages = new ConcurrentHashMap<>();
    private final Map<String, LinkState> announced = new ConcurrentHashMap<>();
    private final java.util.Set<String> everUp = ConcurrentHashMap.newKeySet();

    /** One outage of one link: since when, how many attempts failed, and when it was last told. */
    private static final class Outage {
        final Instant since;
        int failures;
        Instant toldAt;
        boolean toldDown;

        Outage(Instant since) {
            this.since = since;
            this.toldAt = since;
        }
    }

    public LinkLog(String self, HopHealth health, Clock clock) {
        this(self, health, clock, DEFAULT_REMIND_EVERY);
    }

    public LinkLog(String self, HopHealth health, Clock clock, Duration remindEvery) {
        this.self = self;
        this.health = health;
        this.clock = clock;
        this.remindEvery = remindEvery;
    }

    /**
     * An attempt on the link failed.
     *
     * @param attempt what failed, e.g. "the hand-over of MSG-1" or "the heartbeat"
     * @param reason why, in the words of the peer's broker or the network
     * @param nextIn how soon the link is tried next
     */
    public synchronized void failed(String peer, String attempt, String reason, Duration nextIn) {
        Instant now = clock.instant();
        Instant nextAttempt = now.plus(nextIn);
        if (!outages.containsKey(peer) && health.inStartGrace(peer)) {
            LOG.debug("{}: {} to {} failed while the link has not worked yet since the start: {}", self, attempt,
                    peer, reason);
            return;
        }
        Outage outage = outages.get(peer);
        if (outage == null) {
            outage = new Outage(now);
            outage.failures = 1;
            outages.put(peer, outage);
            LOG.warn("{}: link to {} is failing: {} failed: {}; next attempt at {}, messages for {} wait in the"
                    + " outbox meanwhile", self, peer, attempt, reason, at(nextAttempt), peer);
            return;
        }
        outage.failures++;
        if (!outage.toldAt.plus(remindEvery).isAfter(now)) {
            outage.toldAt = now;
            LOG.warn("{}: link to {} still failing, since {} (attempts failed: {}): {} failed: {}; next attempt at"
                    + " {}", self, peer, at(outage.since), outage.failures, attempt, reason, at(nextAttempt));
        } else {
            LOG.debug("{}: {} to {} failed (attempt {} of this outage), next at {}: {}", self, attempt, peer,
                    outage.failures, at(nextAttempt), reason);
        }
    }

    /**
     * The link's state changed, as {@link HopHealth} sees it.
     *
     * @param viaHub whether the peer's messages go through the hub now
     */
    public synchronized void changed(String peer, LinkState state, boolean viaHub, Optional<Instant> lastSuccess) {
        LinkState before = announced.put(peer, state);
        Outage outage = outages.get(peer);
        if (state == LinkState.UP) {
            boolean first = everUp.add(peer);
            // Back only once something went through after the outage began, not on a state read just before it.
            if (outage != null && lastSuccess.filter(at -> at.isAfter(outage.since)).isPresent()) {
                outages.remove(peer);
                LOG.info("{}: link to {} is UP again after {} (attempts failed: {}); what waited for it goes now",
                        self, peer, took(outage.since), outage.failures);
            } else if (outage == null && first) {
                LOG.info("{}: link to {} is UP", self, peer);
            }
            return;
        }
        if (state == before) {
            return;
        }
        if (state == LinkState.DOWN && !health.inStartGrace(peer)) {
            Outage down = outage != null ? outage : new Outage(clock.instant());
            outages.putIfAbsent(peer, down);
            if (!down.toldDown) {
                down.toldDown = true;
                down.toldAt = clock.instant();
                String since = lastSuccess.map(at -> "nothing went through since " + at(at))
                        .orElse("nothing went through since the node started");
                LOG.warn("{}: link to {} is DOWN ({}); {}", self, peer, since, viaHub
                        ? "its messages, new and waiting, go through the hub until it is back"
                        : "its messages wait in the outbox until it is back");
            }
        } else {
            LOG.debug("{}: link to {} is {}", self, peer, state);
        }
    }

    private static String at(Instant instant) {
        return TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private String took(Instant since) {
        Duration outage = Duration.between(since, clock.instant()).truncatedTo(ChronoUnit.SECONDS);
        return outage.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
