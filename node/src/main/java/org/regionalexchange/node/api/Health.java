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
 * the schema versions it accepts, which members check before they send to it; and how close its own certificates and
 * the regional root are to expiry, weeks ahead.
 * A peer that is down or a stale CRL is reported, not fatal: the outbox keeps messages until the peer is back, and the
 * last CRL still lists every revocation it knew.
 */
public final class Health {

    private final EmbeddedBroker broker;
    private final NodeDatabase database;
    private final List<String> peers;
    private final List<String> linkedLater = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final HopHealth links;
    private final Supplier<Instant> crlNextUpdate;
    private final Clock clock;
    private final Map<String, List<String>> schemas;
    private final List<Certificate> certificates;
    private final Duration warnAhead;

    /**
     * One peer's link.
     *
     * @param lastHandOver the last message this node's broker handed to the peer's, empty when none since the start
     * @param outboxDepth messages waiting in this node's outbox for the peer
     * @param oldestWaiting how long the oldest of them has waited, zero when none waits
     */
    public record Link(LinkState state, Optional<Instant> lastHandOver, Optional<Instant> lastSuccess,
            long outboxDepth, Duration oldestWaiting) {}

    /** A certificate this node depends on, by what it is for: its own tls, signing and encryption, the root. */
    public record Certificate(String name, Instant notAfter) {}

    /** OK, EXPIRING (within the warning period) or EXPIRED. */
    public enum Expiry { OK, EXPIRING, EXPIRED }

    /** Where one certificate stands. */
    public record CertificateState(Expiry expiry, Instant notAfter, long daysLeft) {}

    /**
     * @param crlCurrent false once the CRL is past its nextUpdate: the hub should have published a fresh one in the
     *     directory (`certs crl` on the CA, or node.directory.ca-dir on the hub)
     * @param schemas the schema versions this node accepts, kind id to versions, as it declares them to members
     * @param certificates each certificate this node depends on and how close it is to expiry
     */
    public record Report(boolean broker, boolean database, boolean crlCurrent, Instant crlNextUpdate,
            Map<String, Link> peers, Map<String, List<String>> schemas,
            Map<String, CertificateState> certificates, DirectoryState directory) {

        public Report(boolean broker, boolean database, boolean crlCurrent, Instant crlNextUpdate,
                Map<String, Link> peers, Map<String, List<String>> schemas,
                Map<String, CertificateState> certificates) {
            this(broker, database, crlCurrent, crlNextUpdate, peers, schemas, certificates, DirectoryState.NONE);
        }

        public Report(boolean broker, boolean database, boolean crlCurrent, Instant crlNextUpdate,
                Map<String, Link> peers) {
            this(broker, database, crlCurrent, crlNextUpdate, peers, Map.of(), Map.of());
        }

        public boolean up() {
            return broker && database;
        }
    }

    public Health(EmbeddedBroker broker, NodeDatabase database, List<String> peers, HopHealth links,
            Supplier<Instant> crlNextUpdate, Clock clock, Map<String, List<String>> schemas) {
        this(broker, database, peers, links, crlNextUpdate, clock, schemas, List.of(), Duration.ofDays(30));
    }

    /**
     * @param certificates the certificates to watch for expiry
     * @param warnAhead how long before its notAfter a certificate shows as EXPIRING
     */
    public Health(EmbeddedBroker broker, NodeDatabase database, List<String> peers, HopHealth links,
            Supplier<Instant> crlNextUpdate, Clock clock, Map<String, List<String>> schemas,
            List<Certificate> certificates, Duration warnAhead) {
        this.certificates = List.copyOf(certificates);
        this.warnAhead = warnAhead;
        this.schemas = Map.copyOf(schemas);
        this.broker = broker;
        this.database = database;
        this.peers = List.copyOf(peers);
        this.links = links;
        this.crlNextUpdate = crlNextUpdate;
        this.clock = clock;
    }

    /**
     * The member directory in force: its version (0 before the first) and when the hub promised the next; stale past
     * that, when the hub may be unreachable or no longer publishing.
     */
    public record DirectoryState(long version, Instant nextUpdate, boolean stale) {
        public static final DirectoryState NONE = new DirectoryState(0, null, false);
    }

    private volatile Supplier<DirectoryState> directory = () -> DirectoryState.NONE;

    /** Reports the member directory in force from now on. */
    public void watchDirectory(org.regionalexchange.node.directory.DirectoryInForce inForce) {
        directory = () -> inForce.current().map(current -> new DirectoryState(current.version(),
                current.nextUpdate(), clock.instant().isAfter(current.nextUpdate()))).orElse(DirectoryState.NONE);
    }

    /** Reports one more peer's link from now on: a member linked while the node runs. */
    public void addPeer(String peer) {
        if (!peers.contains(peer) && !linkedLater.contains(peer)) {
            linkedLater.add(peer);
        }
    }

    public Report check() {
        Instant now = clock.instant();
        Map<String, Link> report = new LinkedHashMap<>();
        peers.forEach(peer -> report.put(peer, link(peer, now)));
        linkedLater.forEach(peer -> report.put(peer, link(peer, now)));
        Instant nextUpdate = crlNextUpdate.get();
        return new Report(broker.isActive(), database.isReachable(), now.isBefore(nextUpdate), nextUpdate, report,
                schemas, certificates(now), directory.get());
    }

    /** Each watched certificate's expiry as of now, by name. */
    public Map<String, CertificateState> certificates(Instant now) {
        Map<String, CertificateState> states = new LinkedHashMap<>();
        for (Certificate certificate : certificates) {
            Duration left = Duration.between(now, certificate.notAfter());
            Expiry expiry = left.isNegative() ? Expiry.EXPIRED
                    : left.compareTo(warnAhead) <= 0 ? Expiry.EXPIRING : Expiry.OK;
            states.put(certificate.name(), new CertificateState(expiry, certificate.notAfter(), left.toDays()));
        }
        return states;
    }

    public List<Certificate> watchedCertificates() {
        return certificates;
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
