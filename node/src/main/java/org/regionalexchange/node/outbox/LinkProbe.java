package org.regionalexchange.node.outbox;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of each link: every {@code every}, a peer that took no hand-over in that time gets a probe, a mutual
 * TLS connection to its broker and a session opened as this node (its broker checks the certificate, the revocation
 * list and the node id, as for a hand-over), then closed. A success counts for {@link HopHealth} like a hand-over; a
 * refusal or a probe that times out counts as a failure. Busy links cost nothing: their hand-overs are their heartbeat.
 * A probe that hangs (a link that accepts connections but forwards nothing) holds only its own peer's slot.
 *
 * <p>What the operator reads about the link, its failures and its changes of state, is decided by the
 * {@link LinkLog}: a few lines per outage, not one per probe.
 */
public final class LinkProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinkProbe.class);

    private final String self;
    private final Map<String, ConnectionFactory> peers;
    private final HopHealth health;
    private final Duration every;
    private final Predicate<String> viaHub;
    private final LinkLog log;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService schedule;
    private final ExecutorService probes;
    private volatile boolean closing;

    /**
     * @param peers each peer's broker, reached over mutual TLS as this node (not cached: one connection per probe)
     * @param viaHub whether a peer's messages go through the hub now (see {@code NextHopResolver#fallsBack}), for
     *     the log line of a link that went down
     * @param log what the operator reads about each link, shared with the hand-overs ({@link DeliveryRoutes})
     */
    public LinkProbe(String self, Map<String, ConnectionFactory> peers, HopHealth health, Duration every,
            Predicate<String> viaHub, LinkLog log) {
        this.viaHub = viaHub;
        this.log = log;
        this.self = self;
        this.peers = new ConcurrentHashMap<>(peers);
        this.health = health;
        this.every = every;
        this.schedule = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "link-probe-" + self));
        this.probes = Executors.newCachedThreadPool(task -> daemon(task, "link-probe-" + self + "-peer"));
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Probes one more peer from now on: a member linked while the node runs. */
    public void add(String peer, ConnectionFactory factory) {
        peers.putIfAbsent(peer, factory);
    }

    public LinkProbe start() {
        schedule.scheduleWithFixedDelay(this::probeDue, 0, tick().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** How often the probe looks for peers due a heartbeat: a link that fails is tried again this soon. */
    private Duration tick() {
        return Duration.ofMillis(Math.min(Math.max(100, every.toMillis()), 1_000));
    }

    /** Probes every peer without a success in the last period and without a probe still running. */
    void probeDue() {
        for (String peer : peers.keySet()) {
            logChange(peer);
            if (!health.succeededWithin(peer, every) && inFlight.add(peer)) {
                try {
                    probes.execute(() -> {
                        try {
                            probe(peer);
                        } finally {
                            inFlight.remove(peer);
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    inFlight.remove(peer);
                }
            }
        }
    }

    /** One heartbeat to a peer; whether its broker answered. */
    boolean probe(String peer) {
        try (Connection connection = peers.get(peer).createConnection()) {
            connection.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
            health.heartbeat(peer);
            return true;
        } catch (JMSException | RuntimeException e) {
            if (closing || Thread.currentThread().isInterrupted() || interrupted(e)) {
                // The node is stopping and cut the heartbeat short: that says nothing about the link.
                LOG.debug("{}: heartbeat to {} cut short by the node's stop", self, peer);
                return false;
            }
            health.failed(peer);
            log.failed(peer, "the heartbeat", DeliveryRoutes.reason(e), tick());
            return false;
        }
    }

    private static boolean interrupted(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    private void logChange(String peer) {
        HopHealth.Link link = health.link(peer);
        if (link.lastSuccess().isEmpty() && link.lastFailure().isEmpty()) {
            return; // not tried yet: the first probe or hand-over decides
        }
        log.changed(peer, link.state(), viaHub.test(peer), link.lastSuccess());
    }

    @Override
    public void close() {
        closing = true;
        schedule.shutdownNow();
        probes.shutdownNow();
        for (ConnectionFactory factory : peers.values()) {
            if (factory instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debug("{}: a heartbeat factory did not close: {}", self, e.getMessage());
                }
            }
        }
    }
}
