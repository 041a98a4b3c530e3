package org.regionalexchange.node.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.EmbeddedBroker;
import org.regionalexchange.node.outbox.HopHealth;
import org.regionalexchange.node.outbox.LinkState;
import org.regionalexchange.node.store.NodeDatabase;

/**
 * The node's vital signs: its broker is active, its database answers, its CRL is not past its nextUpdate, and the
 * state of each peer's link as its hand-overs and heartbeats show it (see {@link HopHealth}), with what waits for it;
 * and the schema versions it accepts, which members check before they send to it.
 * A peer that is down or a stale CRL is reported, not fatal: the outbox keeps messages until the peer is back, and the
 * last CRL still lists every revocation it knew.
 */
public final class Health {

    private final EmbeddedBroker broker;
    private final NodeDatabase database;
    private final List<String> peers;
    private final HopHealth links;
    private final Supplier<Instant> crlNextUpdate;
    private final Clock clock;
    private final Map<String, List<String>> schemas;

    /**
     * One peer's link.
     *
     * @param lastHandOver the last message this node's broker handed to the peer's, empty when none since the start
     * @param outboxDepth messages waiting in this node's outbox for the peer
     * @param oldestWaiting how long the oldest of them has waited, zero when none waits
     */
    public record Link(LinkState state, Optional<Instant> lastHandOver, Optional<Instant> lastSuccess,
            long outboxDepth, Duration oldestWaiting) {}

    /**
     * @param crlCurrent false once the CRL is past its nextUpdate: run `certs crl` and copy crl.pem to the nodes
     * @param schemas the schema versions this node accepts, kind id to versions, as it declares them to members
     */
    public record Report(boolean broker, boolean database, boolean crlCurrent, Instant crlNextUpdate,
            Map<String, Link> peers, Map<String, List<String>> schemas) {

        public Report(boolean broker, boolean database, boolean crlCurrent, Instant crlNextUpdate,
                Map<String, Link> peers) {
            this(broker, database, crlCurrent, crlNextUpdate, peers, Map.of());
        }

        public boolean up() {
            return broker && database;
        }
    }

    public Health(EmbeddedBroker broker, NodeDatabase database, List<String> peers, HopHealth links,
            Supplier<Instant> crlNextUpdate, Clock clock, Map<String, List<String>> schemas) {
        this.schemas = Map.copyOf(schemas);
        this.broker = broker;
        this.database = database;
        this.peers = List.copyOf(peers);
        this.links = links;
        this.crlNextUpdate = crlNextUpdate;
        this.clock = clock;
    }

    public Report check() {
        Instant now = clock.instant();
        Map<String, Link> report = new LinkedHashMap<>();
        peers.forEach(peer -> report.put(peer, link(peer, now)));
        Instant nextUpdate = crlNextUpdate.get();
        return new Report(broker.isActive(), database.isReachable(), now.isBefore(nextUpdate), nextUpdate, report,
                schemas);
    }

    /** One peer's link, as /health and /metrics show it. */
    public Link link(String peer, Instant now) {
        HopHealth.Link link = links.link(peer);
        return new Link(link.state(), link.lastHandOver(), link.lastSuccess(),
                Math.max(0, broker.depth(BrokerAddresses.outbox(peer))), oldestWaiting(peer, now));
    }

    /** How long the oldest message in the peer's outbox has waited, zero when none waits. */
    public Duration oldestWaiting(String peer, Instant now) {
        return broker.oldestTimestamp(BrokerAddresses.outbox(peer)).map(at -> Duration.between(at, now))
                .filter(age -> !age.isNegative()).orElse(Duration.ZERO);
    }
}
