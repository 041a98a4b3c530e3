package org.regionalexchange.node.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;
import org.regionalexchange.node.store.Directories;
import org.regionalexchange.node.trust.NodeIdentity;
import org.regionalexchange.node.trust.RegionalTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member directory in force at this node, and the checks a received one passes before it replaces it. Before
 * the first directory arrives the node works from its settings (the region it was configured with, encryption
 * certificates from {@code node.pki.certificates-dir}); from then on the region, the encryption certificates and the
 * CRL are the directory's. A directory is applied when it is newer than the one in force, was published by this
 * node's hub, and every certificate in it chains to the regional root and names its member; the one in force is
 * kept in the store, so a restart starts from it.
 */
public final class DirectoryInForce {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryInForce.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String self;
    private final String hub;
    private final List<String> configuredRegion;
    private final RegionalTrust trust;
    private final Directories store;
    private final Clock clock;
    private final Set<String> keptMessages = ConcurrentHashMap.newKeySet();
    private final List<Consumer<MemberDirectory>> listeners = new CopyOnWriteArrayList<>();
    private volatile MemberDirectory current;
    private volatile Instant appliedAt;

    private DirectoryInForce(String self, String hub, List<String> configuredRegion, RegionalTrust trust,
            Directories store, Clock clock) {
        this.self = self;
        this.hub = hub;
        this.configuredRegion = List.copyOf(configuredRegion);
        this.trust = trust;
        this.store = store;
        this.clock = clock;
    }

    /** Starts from the directory kept in the store, if any. */
    public static DirectoryInForce load(String self, String hub, List<String> configuredRegion, RegionalTrust trust,
            Directories store, Clock clock) {
        DirectoryInForce directory = new DirectoryInForce(self, hub, configuredRegion, trust, store, clock);
        directory.keptMessages.addAll(store.messageIds());
        store.latest().ifPresent(kept -> {
            try {
                MemberDirectory latest = MemberDirectory.parse(JSON.readTree(kept.documentJson()));
                directory.takeIntoForce(latest, kept.appliedAt());
                LOG.info("{}: member directory version {} of {} in force ({} members)", self, latest.version(),
                        latest.issuedAt(), latest.members().size());
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("the member directory version " + kept.version() + " kept in the"
                        + " store cannot be read (" + e.getMessage() + "): restore the database from a backup", e);
            }
        });
        return directory;
    }

    public Optional<MemberDirectory> current() {
        return Optional.ofNullable(current);
    }

    /** The version in force, 0 before the first directory. */
    public long version() {
        MemberDirectory now = current;
        return now == null ? 0 : now.version();
    }

    /** When the directory in force was applied here, or null before the first. */
    public Instant appliedAt() {
        return appliedAt;
    }

    /**
     * The members REGIONAL stands for: the directory's, leaving out a member whose signing or encryption certificate
     * is revoked; before the first directory, the configured region.
     */
    public List<String> region() {
        MemberDirectory now = current;
        if (now == null) {
            return configuredRegion;
        }
        return now.members().values().stream().filter(member -> !trust.isRevoked(member.signing())
                && !trust.isRevoked(member.encryption())).map(MemberDirectory.Member::node).toList();
    }

    /**
     * A member's encryption certificate as the directory in force gives it: empty before the first directory, for a
     * member it does not list, and when the certificate is revoked.
     */
    public Optional<X509Certificate> encryptionCertificate(String node) {
        MemberDirectory now = current;
        return now == null ? Optional.empty() : now.member(node).map(MemberDirectory.Member::encryption)
                .filter(certificate -> !trust.isRevoked(certificate));
    }

    /** Called with each directory taken into force, after it is in force. */
    public void onApplied(Consumer<MemberDirectory> listener) {
        listeners.add(listener);
    }

    /**
     * What a received directory must be before it is stored: published by the hub, newer than the one in force
     * (unless it is a further copy of a directory already kept, which is answered as a duplicate), and with every
     * certificate and the CRL from the regional root.
     *
     * @throws RejectedMessageException UNTRUSTED_SIGNER from anyone but the hub, REPLAY when not newer, SCHEMA_INVALID
     *     or IMPLAUSIBLE for content that cannot be applied
     */
    public MemberDirectory check(String messageId, String sender, JsonNode document) {
        if (!sender.equals(hub)) {
            throw refused(RejectReason.UNTRUSTED_SIGNER, messageId, sender, "a member directory is published by"
                    + " the hub " + hub + " only; this one is signed by " + sender);
        }
        if (!sender.equals(document.path("hub").asText())) {
            throw refused(RejectReason.IMPLAUSIBLE, messageId, sender, "/document/hub: " + document.path("hub")
                    .asText() + " is not the sender " + sender);
        }
        MemberDirectory candidate;
        try {
            candidate = MemberDirectory.parse(document);
        } catch (MemberDirectory.UnreadableDirectoryException e) {
            throw refused(RejectReason.SCHEMA_INVALID, messageId, sender, "/document" + e.getMessage());
        }
        MemberDirectory now = current;
        if (now != null && candidate.version() <= now.version() && !keptMessages.contains(messageId)) {
            throw refused(RejectReason.REPLAY, messageId, sender, "member directory version " + candidate.version()
                    + " is not newer than version " + now.version() + " in force since " + appliedAt
                    + ": a directory older than the one in force is never applied");
        }
        problems(candidate).ifPresent(problem -> {
            throw refused(RejectReason.IMPLAUSIBLE, messageId, sender, problem);
        });
        return candidate;
    }

    /**
     * Why a directory cannot be applied, checked against the regional root: its CRL not signed by the root, the hub
     * not among the members, or a certificate without a path to the root or naming another node.
     */
    public Optional<String> problems(MemberDirectory candidate) {
        try {
            candidate.crl().verify(trust.root().getPublicKey());
        } catch (java.security.GeneralSecurityException e) {
            return Optional.of("/document/crl is not signed by the regional root (" + e.getMessage() + ")");
        }
        if (!candidate.members().containsKey(candidate.hub())) {
            return Optional.of("/document/members does not list the hub " + candidate.hub());
        }
        int index = 0;
        for (MemberDirectory.Member member : candidate.members().values()) {
            List<X509Certificate> certificates = member.certificates();
            for (int i = 0; i < MemberDirectory.PURPOSES.size(); i++) {
                String pointer = "/document/members/" + index + "/certificates/" + MemberDirectory.PURPOSES.get(i);
                X509Certificate certificate = certificates.get(i);
                Optional<String> untrusted = trust.untrusted(certificate, candidate.issuedAt());
                if (untrusted.isPresent() && !trust.isRevoked(certificate)) {
                    return Optional.of(pointer + ": the certificate " + untrusted.get());
                }
                Optional<String> named = NodeIdentity.of(certificate);
                if (!named.equals(Optional.of(member.node()))) {
                    return Optional.of(pointer + " is issued to " + named.orElse("no node") + ", not "
                            + member.node());
                }
            }
            index++;
        }
        return Optional.empty();
    }

    /**
     * Keeps a received directory in the transaction that stores its message.
     *
     * @throws RejectedMessageException REPLAY when another message already brought this version
     */
    public void keep(Connection connection, String messageId, String sender, MemberDirectory directory,
            String documentJson) throws SQLException {
        if (!store.insertIfAbsent(connection, new Directories.Kept(directory.version(), messageId,
                directory.issuedAt(), documentJson, clock.instant()))) {
            throw refused(RejectReason.REPLAY, messageId, sender, "member directory version " + directory.version()
                    + " already came in another message");
        }
    }

    /** Takes a kept directory into force, when it is newer than the one in force, and tells the listeners. */
    public void applied(String messageId, MemberDirectory directory) {
        if (messageId != null) {
            keptMessages.add(messageId);
        }
        if (takeIntoForce(directory, clock.instant())) {
            LOG.info("{}: member directory version {} of {} applied: {} members {}", self, directory.version(),
                    directory.issuedAt(), directory.members().size(), directory.memberIds());
            listeners.forEach(listener -> listener.accept(directory));
        }
    }

    /** Notes the message that carried a directory this node published. */
    void sent(String messageId) {
        keptMessages.add(messageId);
    }

    private synchronized boolean takeIntoForce(MemberDirectory directory, Instant at) {
        if (current != null && directory.version() <= current.version()) {
            return false;
        }
        trust.publish(directory.crl());
        current = directory;
        appliedAt = at;
        return true;
    }

    private static RejectedMessageException refused(RejectReason reason, String messageId, String sender,
            String detail) {
        return new RejectedMessageException(reason, messageId, reason.senderAuthenticated() ? sender : null, detail,
                null);
    }
}
