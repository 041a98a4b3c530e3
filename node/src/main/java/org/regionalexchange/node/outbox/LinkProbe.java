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
 * <p>Each change of a link's state is logged once, not every probe.
 */
public final class LinkProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinkProbe.class);

    private final String self;
    private final Map<String, ConnectionFactory> peers;
    private final HopHealth health;
    private final Duration every;
    private final Predicate<String> viaHub;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, LinkState> logged = new ConcurrentHashMap<>();
    private final ScheduledExecutorService schedule;
    private final ExecutorService probes;

    /** @param peers each peer's broker, reached over mutual TLS as this node (not cached: one connection per probe) */
    public LinkProbe(String self, Map<String, ConnectionFactory> peers, HopHealth health, Duration every) {
        this(self, peers, health, every, peer -> false);
    }

    /**
     * @param peers each peer's broker, reached over mutual TLS as this node (not cached: one connection per probe)
     * @param viaHub whether a peer's messages go through the hub now (see {@code NextHopResolver#fallsBack}), for
     *     the log line of a link that went down
     */
    public LinkProbe(String self, Map<String, ConnectionFactory> peers, HopHealth health, Duration every,
            Predicate<String> viaHub) {
        this.viaHub = viaHub;
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
        long millis = Math.max(100, every.toMillis());
        schedule.scheduleWithFixedDelay(this::probeDue, 0, Math.min(millis, 1_000), TimeUnit.MILLISECONDS);
        return this;
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
            health.failed(peer);
            LOG.debug("{}: heartbeat to {} failed: {}", self, peer, e.getMessage());
            return false;
        }
    }

    private void logChange(String peer) {
        HopHealth.Link link = health.link(peer);
        if (link.lastSuccess().isEmpty() && link.lastFailure().isEmpty()) {
            return; // not tried yet: the first probe or hand-over decides
        }
        LinkState before = logged.put(peer, link.state());
        if (link.state() != before) {
            String since = link.lastSuccess().map(at -> "last success " + at).orElse("no success since the start");
            if (link.state() == LinkState.UP) {
                LOG.info("{}: link to {} is UP", self, peer);
            } else if (viaHub.test(peer)) {
                LOG.warn("{}: link to {} is {} ({}); its messages, new and waiting, go through the hub until it is"
                        + " back", self, peer, link.state(), since);
            } else {
                LOG.warn("{}: link to {} is {} ({}); its messages wait in the outbox", self, peer, link.state(),
                        since);
            }
        }
    }

    @Override
    public void close() {
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
