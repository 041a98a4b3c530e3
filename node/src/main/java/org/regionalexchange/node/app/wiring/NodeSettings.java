package org.regionalexchange.node.app.wiring;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.regionalexchange.node.envelope.JsonLimits;
import org.regionalexchange.node.rules.VersionRules;

/**
 * Everything a node reads from its {@code node.*} keys, validated once at start-up.
 *
 * @param nodeId this node's id, e.g. {@code KZ}
 * @param hub the hub node every country node links to ({@code CARICC}); equal to nodeId on the hub itself
 * @param region the members addressed by the group {@code REGIONAL}
 * @param dataDir where the broker journal and the default H2 database live
 * @param http the REST API's listener and its users
 * @param peers the nodes this node has a link to, by node id
 * @param delivery when to resend a message whose receipt has not come
 * @param links how the state of each peer's link is judged from its hand-overs and heartbeats
 * @param auditAnchorInterval how often the head of the audit chain is anchored in {@link #auditAnchor()}
 * @param auditCheckpointInterval how often a country node checks whether to send its chain head to the hub
 * @param limits how much JSON the node reads from others, and the largest message its broker takes
 * @param rules the checks after the schema that depend on the node's clock and on waiting
 * @param picture what the node makes of what it receives: the first-sighting alert
 * @param organisation the organisation that runs this node (by default its node id): TLP:AMBER+STRICT and RED stay
 *     within it, so only customs units registered as of the same organisation may get them
 * @param directory how the hub publishes the member directory
 */
public record NodeSettings(
        String nodeId,
        String hub,
        List<String> region,
        Path dataDir,
        BrokerSettings broker,
        PkiSettings pki,
        DatabaseSettings database,
        HttpSettings http,
        Map<String, PeerSettings> peers,
        DeliverySettings delivery,
        LinkSettings links,
        java.time.Duration auditAnchorInterval,
        java.time.Duration auditCheckpointInterval,
        JsonLimits limits,
        RulesSettings rules,
        PictureSettings picture,
        String organisation,
        DirectorySettings directory) {

    public NodeSettings {
        region = List.copyOf(region);
        peers = Map.copyOf(peers);
    }

    /** Where the head of the audit chain is anchored outside the database. */
    public Path auditAnchor() {
        return dataDir.resolve("audit").resolve("anchor.json");
    }

    public int httpPort() {
        return http.port();
    }

    public boolean isHub() {
        return nodeId.equals(hub);
    }

    /** These settings with more peers: on the hub, the members the directory in force gives an endpoint. */
    public NodeSettings withPeers(Map<String, PeerSettings> more) {
        Map<String, PeerSettings> all = new java.util.LinkedHashMap<>(peers);
        more.forEach(all::putIfAbsent);
        return new NodeSettings(nodeId, hub, region, dataDir, broker, pki, database, http, all, delivery, links,
                auditAnchorInterval, auditCheckpointInterval, limits, rules, picture, organisation, directory);
    }

    public Optional<PeerSettings> peer(String id) {
        return Optional.ofNullable(peers.get(id));
    }

    /**
     * The embedded broker's listeners, and what each peer may have waiting in its inbox here.
     */
    public record BrokerSettings(String host, int peerPort, int localPort, Path localUsersFile,
            org.regionalexchange.node.broker.InboxLimits inboxLimits) {}

    /** This node's key material and the regional trust anchor. */
    /** @param expiryWarning how long before expiry a certificate shows as EXPIRING on /health */
    public record PkiSettings(
            Path keystore,
            Path tlsKeystore,
            Path truststore,
            char[] password,
            Path caCertificate,
            Path crl,
            Path certificatesDir,
            java.time.Duration expiryWarning) {

        public PkiSettings(Path keystore, Path tlsKeystore, Path truststore, char[] password, Path caCertificate,
                Path crl, Path certificatesDir) {
            this(keystore, tlsKeystore, truststore, password, caCertificate, crl, certificatesDir,
                    java.time.Duration.ofDays(30));
        }
    }

    /**
     * End-to-end delivery.
     *
     * @param receiptWait how long after a hand-over a receipt may take before the same sealed message is resent
     * @param maxResendWait the ceiling of the resend back-off, which doubles from receiptWait
     * @param handOvers how many messages are handed over to each peer at once: each waits for the peer's durable
     *     write, so the link's rate is about this many per round trip
     * @param inboxConsumers how many inbox messages are worked on at once: each waits for durable writes of its
     *     own (store, dispatch, receipt), which the broker and the database group when many wait together
     */
    public record DeliverySettings(java.time.Duration receiptWait, java.time.Duration maxResendWait, int handOvers,
            int inboxConsumers) {

        public static final int DEFAULT_HAND_OVERS = 8;
        public static final int DEFAULT_INBOX_CONSUMERS = 8;

        public DeliverySettings(java.time.Duration receiptWait, java.time.Duration maxResendWait) {
            this(receiptWait, maxResendWait, DEFAULT_HAND_OVERS, DEFAULT_INBOX_CONSUMERS);
        }
    }

    /**
     * How a link's state is judged (see {@code HopHealth}).
     *
     * @param heartbeatEvery how often a peer without hand-overs gets a heartbeat (a connection and session to its
     *     broker)
     * @param upWithin a link is UP while a hand-over or heartbeat succeeded within this time and no hand-over failed
     *     in it
     * @param downAfter a link is DOWN when nothing succeeded within this time; DEGRADED in between
     */
    public record LinkSettings(java.time.Duration heartbeatEvery, java.time.Duration upWithin,
            java.time.Duration downAfter) {

        public static final LinkSettings DEFAULT = new LinkSettings(java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(60));
    }

    /**
     * The message rules (see the rules package).
     *
     * @param clockTolerance how far a sender's clock may run ahead of this node's: for signing times, creation
     *        times and the dates of past events
     * @param referenceAttempts how many deliveries of a copy an update or cancellation may wait for its alert
     * @param highestSchema the newest schema version this node reads and writes, or null for every version this
     *        release carries: a member that has not yet approved a new version pins itself to the one before
     * @param membersAssumed what a member that has not declared its schema versions yet is taken to accept: the
     *        versions up to this one
     */
    public record RulesSettings(java.time.Duration clockTolerance, int referenceAttempts, String highestSchema,
            String membersAssumed) {

        public RulesSettings(java.time.Duration clockTolerance, int referenceAttempts) {
            this(clockTolerance, referenceAttempts, null, VersionRules.FIRST_RELEASE);
        }
    }

    /**
     * The first-sighting rule (README, "First sighting").
     *
     * @param firstSighting whether this node alerts the region to a substance first seen in a seizure notice; by
     *        default the hub does
     * @param automaticUpTo the most restrictive handling code of a notice whose first sighting is alerted without an
     *        analyst
     * @param alertLifetime how long such an alert stays in force
     * @param knownSubstances a JSON array of substance objects the region knew before this node kept records, or
     *        null
     */
    public record PictureSettings(boolean firstSighting, String automaticUpTo, java.time.Duration alertLifetime,
            Path knownSubstances) {}

    /**
     * The member directory, as the hub publishes it (README, "The member directory").
     *
     * @param lifetime how long a directory stays current: the hub publishes the next one, changed or not, after half
     *        of it, so a member that missed versions catches up within that time
     * @param checkEvery how often the hub checks whether a new version is due (a newer CRL, half the lifetime gone)
     * @param caDir on the hub, the regional CA's folder when the hub may use its key to re-issue the CRL before its
     *        nextUpdate; null when an operator runs {@code certs crl} and the hub publishes what it writes
     * @param crlRefreshBefore how long before the CRL's nextUpdate the hub re-issues it (with {@code caDir})
     */
    public record DirectorySettings(java.time.Duration lifetime, java.time.Duration checkEvery, Path caDir,
            java.time.Duration crlRefreshBefore) {

        public DirectorySettings(java.time.Duration lifetime, java.time.Duration checkEvery) {
            this(lifetime, checkEvery, null, java.time.Duration.ofDays(2));
        }
    }

    /**
     * The REST API's listener.
     *
     * @param host where it listens; loopback by default, independent of the broker's host
     * @param tls HTTPS with the node's TLS certificate (the default); plain HTTP only when set false
     * @param usersFile the API users and their password hashes (see {@code node users})
     * @param maxBodyBytes the largest request body the listener reads; a larger one is refused with 413
     */
    public record HttpSettings(String host, int port, boolean tls, Path usersFile, long maxBodyBytes) {

        /** The base URL a client on this machine uses. */
        public String baseUrl() {
            String scheme = tls ? "https" : "http";
            String where = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
            return scheme + "://" + (where.contains(":") ? "[" + where + "]" : where) + ":" + port;
        }
    }

    /** The store: an H2 file database in the data folder by default, PostgreSQL by JDBC URL. */
    public record DatabaseSettings(String url, String user, char[] password) {}

    /**
     * A link to another node.
     *
     * @param direct a neighbour link that carries traffic for that node itself; only the hub link relays for others
     */
    public record PeerSettings(String nodeId, String host, int port, boolean direct) {}
}
