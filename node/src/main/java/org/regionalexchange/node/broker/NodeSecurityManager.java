package org.regionalexchange.node.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.apache.activemq.artemis.utils.CertificateUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates each connection by the acceptor it came through: peers by their regional TLS certificate (the
 * node id in it becomes the user), local subscribers and registered customs units by name and password, the node
 * itself by a per-process secret.
 * The TLS layer has already checked the peer's chain against the regional root; this adds revocation and identity.
 */
public final class NodeSecurityManager implements ActiveMQSecurityManager5 {

    private static final Logger LOG = LoggerFactory.getLogger(NodeSecurityManager.class);

    private final InternalCredentials internal;
    private final Map<String, String> localUserDigests;
    private final Function<String, Optional<String>> unitDigests;
    private final Function<X509Certificate, Optional<String>> nodeIdOf;
    private final Predicate<X509Certificate> revoked;
    private final int maxPeerConnections;
    private final Map<String, Set<RemotingConnection>> peerConnections = new ConcurrentHashMap<>();
    private final Map<String, Long> refusalLogged = new ConcurrentHashMap<>();

    /**
     * @param localUserDigests local user name to the hex SHA-256 of its password
     * @param nodeIdOf reads the node id from a regional certificate
     * @param revoked tells whether a certificate is on the current CRL
     */
    public NodeSecurityManager(InternalCredentials internal, Map<String, String> localUserDigests,
            Function<X509Certificate, Optional<String>> nodeIdOf, Predicate<X509Certificate> revoked) {
        this(internal, localUserDigests, nodeIdOf, revoked, InboxLimits.DEFAULT.maxConnections());
    }

    /** @param maxPeerConnections connections one peer's certificate may hold open at once */
    public NodeSecurityManager(InternalCredentials internal, Map<String, String> localUserDigests,
            Function<X509Certificate, Optional<String>> nodeIdOf, Predicate<X509Certificate> revoked,
            int maxPeerConnections) {
        this(internal, localUserDigests, name -> Optional.empty(), nodeIdOf, revoked, maxPeerConnections);
    }

    /**
     * @param unitDigests a registered customs unit's password digest by its name, looked up at each login so a
     *     unit registered or removed since start is admitted or refused at once
     */
    public NodeSecurityManager(InternalCredentials internal, Map<String, String> localUserDigests,
            Function<String, Optional<String>> unitDigests, Function<X509Certificate, Optional<String>> nodeIdOf,
            Predicate<X509Certificate> revoked, int maxPeerConnections) {
        this.maxPeerConnections = maxPeerConnections;
        this.internal = internal;
        this.unitDigests = unitDigests;
        this.localUserDigests = Map.copyOf(localUserDigests);
        this.nodeIdOf = nodeIdOf;
        this.revoked = revoked;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String domain) {
        if (AccessPolicy.PEER.domain().equals(domain)) {
            return authenticatePeer(connection);
        }
        if (AccessPolicy.LOCAL.domain().equals(domain)) {
            if (user != null && localUserDigests.containsKey(user)) {
                return checkPassword(user, password, localUserDigests.get(user)) ? subject(user, AccessPolicy.LOCAL)
                        : null;
            }
            return user != null && checkPassword(user, password, unitDigests.apply(user).orElse(null))
                    ? subject(user, AccessPolicy.UNIT) : null;
        }
        if (AccessPolicy.INTERNAL.domain().equals(domain)) {
            return checkPassword(user, password, internal.user().equals(user) ? internal.digest() : null)
                    ? subject(user, AccessPolicy.INTERNAL) : null;
        }
        LOG.warn("refused a connection on an acceptor without a known security domain: {}", domain);
        return null;
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        Optional<AccessPolicy> policy = subject.getPrincipals(RolePrincipal.class).stream()
                .map(role -> AccessPolicy.valueOf(role.getName())).findFirst();
        String user = subject.getPrincipals(UserPrincipal.class).stream().map(UserPrincipal::getName).findFirst()
                .orElse(null);
        boolean permitted = policy.map(p -> p.permits(checkType, address, user)).orElse(false);
        if (!permitted) {
            LOG.warn("denied {} on {} to {}", checkType, address, subject.getPrincipals(UserPrincipal.class));
        }
        return permitted;
    }

    @Override
    public boolean validateUser(String user, String password) {
        return false;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return false;
    }

    private Subject authenticatePeer(RemotingConnection connection) {
        X509Certificate[] chain = CertificateUtil.getCertsFromConnection(connection);
        if (chain == null || chain.length == 0) {
            LOG.warn("refused a peer connection without a client certificate from {}", connection.getRemoteAddress());
            return null;
        }
        if (revoked.test(chain[0])) {
            LOG.warn("refused a peer connection with a revoked certificate, serial {}", chain[0].getSerialNumber());
            return null;
        }
        Optional<String> nodeId = nodeIdOf.apply(chain[0]);
        if (nodeId.isEmpty()) {
            LOG.warn("refused a peer certificate without a node id: {}", chain[0].getSubjectX500Principal());
            return null;
        }
        if (!admit(nodeId.get(), connection)) {
            return null;
        }
        return subject(nodeId.get(), AccessPolicy.PEER);
    }

    /**
     * Counts the peer's open connections: a connection authenticates once per session it opens, so one already
     * counted is admitted again; a new one over the limit is refused (logged at most once a minute per peer). A
     * connection leaves the count when it closes or fails, and one found destroyed is pruned before a refusal, so a
     * missed notice cannot lock a peer out.
     */
    private boolean admit(String nodeId, RemotingConnection connection) {
        Set<RemotingConnection> open = peerConnections.computeIfAbsent(nodeId, id -> ConcurrentHashMap.newKeySet());
        synchronized (open) {
            if (open.contains(connection)) {
                return true;
            }
            if (open.size() >= maxPeerConnections) {
                open.removeIf(RemotingConnection::isDestroyed);
            }
            if (open.size() >= maxPeerConnections) {
                long now = System.nanoTime();
                Long last = refusalLogged.get(nodeId);
                if (last == null || now - last > java.util.concurrent.TimeUnit.MINUTES.toNanos(1)) {
                    refusalLogged.put(nodeId, now);
                    LOG.warn("refused a connection of {} from {}: it holds {} already, node.inbox.peer-max-connections"
                            + " is {} (further refusals for a minute are not logged)", nodeId,
                            connection.getRemoteAddress(), open.size(), maxPeerConnections);
                }
                return false;
            }
            open.add(connection);
        }
        Runnable forget = () -> {
            synchronized (open) {
                open.remove(connection);
            }
        };
        connection.addCloseListener(forget::run);
        connection.addFailureListener(new org.apache.activemq.artemis.core.remoting.FailureListener() {
            @Override
            public void connectionFailed(org.apache.activemq.artemis.api.core.ActiveMQException exception,
                    boolean failedOver) {
                forget.run();
            }

            @Override
            public void connectionFailed(org.apache.activemq.artemis.api.core.ActiveMQException exception,
                    boolean failedOver, String scaleDownTargetNodeID) {
                forget.run();
            }
        });
        return true;
    }

    /** How many connections a peer holds open now, as counted for the limit. */
    public int openConnections(String nodeId) {
        Set<RemotingConnection> open = peerConnections.get(nodeId);
        return open == null ? 0 : open.size();
    }

    private static Subject subject(String user, AccessPolicy policy) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        subject.getPrincipals().add(new RolePrincipal(policy.name()));
        return subject;
    }

    private static boolean checkPassword(String user, String password, String expectedDigest) {
        if (user == null || password == null || expectedDigest == null) {
            return false;
        }
        return MessageDigest.isEqual(digest(password).getBytes(StandardCharsets.US_ASCII),
                expectedDigest.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** Hex SHA-256 of a password, the form local users are stored in. */
    public static String digest(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
