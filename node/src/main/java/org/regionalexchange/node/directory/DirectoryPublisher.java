package org.regionalexchange.node.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.regionalexchange.node.store.Directories;
import org.regionalexchange.node.trust.RegionalTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's side of the member directory: it numbers, keeps and sends each new version to REGIONAL. A new version
 * goes out when a member is added, changed or removed, when the regional root's CRL is newer than the one the
 * directory carries (so a revocation, or the CRL re-signed before its nextUpdate, reaches every member without a
 * file copied), and when half the directory's lifetime has passed, so a member restored from an old backup catches up
 * within that time. Each version is kept before it is handed to the outbox: after a crash in between, the same
 * version is sent again rather than a second one numbered.
 */
public final class DirectoryPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryPublisher.class);

    /**
     * Hands a directory document to the outbox, addressed to every member it lists; returns the messageId, or null
     * when it lists no one but the hub.
     */
    @FunctionalInterface
    public interface Sender {
        String send(ObjectNode document);
    }

    /**
     * Signs a fresh CRL with the regional root's key, where the hub holds it ({@code node.directory.ca-dir}), so the
     * CRL is re-issued before its nextUpdate without an operator.
     */
    @FunctionalInterface
    public interface CrlIssuer {
        X509CRL issue();
    }

    /** A change the hub's operator asked for that would make a directory no node could apply. */
    public static final class RefusedChangeException extends IllegalArgumentException {
        RefusedChangeException(String message) {
            super(message);
        }
    }

    private final String hub;
    private final DirectoryInForce inForce;
    private final Directories store;
    private final RegionalTrust trust;
    private final Clock clock;
    private final Duration lifetime;
    private final Sender sender;
    private CrlIssuer issuer;
    private Duration refreshBefore = Duration.ZERO;

    /** @param lifetime how long a directory stays current: its nextUpdate is this after its issue */
    public DirectoryPublisher(String hub, DirectoryInForce inForce, Directories store, RegionalTrust trust,
            Clock clock, Duration lifetime, Sender sender) {
        this.hub = hub;
        this.inForce = inForce;
        this.store = store;
        this.trust = trust;
        this.clock = clock;
        this.lifetime = lifetime;
        this.sender = sender;
    }

    /**
     * Lets the hub re-issue the CRL itself: when the CRL in use is within {@code refreshBefore} of its nextUpdate,
     * the check signs a fresh one and publishes it in the next directory.
     */
    public synchronized DirectoryPublisher reissuingCrls(CrlIssuer crlIssuer, Duration before) {
        this.issuer = crlIssuer;
        this.refreshBefore = before;
        return this;
    }

    /**
     * At the hub's start: the first version from the members it was configured with when none is in force yet, and
     * a kept version that never reached the outbox sent now.
     */
    public synchronized void start(Map<String, MemberDirectory.Member> configuredMembers) {
        if (inForce.current().isEmpty()) {
            Instant now = clock.instant();
            publish(new MemberDirectory(1, now, now.plus(lifetime), hub, configuredMembers, trust.crl()),
                    "the first directory, from this hub's configuration");
            return;
        }
        store.latest().filter(kept -> kept.messageId() == null).ifPresent(kept -> {
            MemberDirectory unsent = inForce.current().orElseThrow();
            LOG.info("{}: member directory version {} was kept but not sent before the last stop; sending it now",
                    hub, unsent.version());
            send(unsent);
        });
    }

    /** Adds a member or replaces its entry (new endpoint, new certificates after a rotation). */
    public synchronized MemberDirectory putMember(MemberDirectory.Member member) {
        Map<String, MemberDirectory.Member> members = new LinkedHashMap<>(current().members());
        boolean joining = !members.containsKey(member.node());
        members.put(member.node(), member);
        return publish(next(members, trust.crl()), joining ? member.node() + " joins" : member.node() + " changed");
    }

    /** Removes a member: it is no longer part of REGIONAL, and nothing is sealed for it. */
    public synchronized MemberDirectory removeMember(String node) {
        Map<String, MemberDirectory.Member> members = new LinkedHashMap<>(current().members());
        if (node.equals(hub)) {
            throw new RefusedChangeException("the hub " + hub + " publishes the directory and cannot leave it");
        }
        if (members.remove(node) == null) {
            throw new RefusedChangeException(node + " is not a member of directory version " + current().version());
        }
        return publish(next(members, trust.crl()), node + " leaves");
    }

    /**
     * Publishes a new version when one is due: the regional root's CRL in use is newer than the directory's, or
     * half the directory's lifetime has passed.
     *
     * @return the version published, or empty when none was due
     */
    public synchronized Optional<MemberDirectory> publishIfDue() {
        MemberDirectory now = current();
        reissueCrlIfDue();
        X509CRL crl = trust.crl();
        if (RegionalTrust.isNewer(crl, now.crl())) {
            return Optional.of(publish(next(now.members(), crl), "a newer CRL (issued "
                    + crl.getThisUpdate().toInstant() + ")"));
        }
        Instant halfway = now.issuedAt().plus(Duration.between(now.issuedAt(), now.nextUpdate()).dividedBy(2));
        if (!clock.instant().isBefore(halfway)) {
            return Optional.of(publish(next(now.members(), crl), "half its lifetime has passed"));
        }
        return Optional.empty();
    }

    private void reissueCrlIfDue() {
        X509CRL crl = trust.crl();
        if (issuer == null || crl.getNextUpdate() == null
                || clock.instant().isBefore(crl.getNextUpdate().toInstant().minus(refreshBefore))) {
            return;
        }
        X509CRL fresh = issuer.issue();
        trust.publish(fresh);
        LOG.info("{}: CRL re-issued before its nextUpdate {}: the new one runs to {}", hub,
                crl.getNextUpdate().toInstant(), fresh.getNextUpdate().toInstant());
    }

    /** Publishes the next version now, with the current CRL, whatever is due. */
    public synchronized MemberDirectory publishNow(String why) {
        return publish(next(current().members(), trust.crl()), why);
    }

    private MemberDirectory current() {
        return inForce.current().orElseThrow(() -> new IllegalStateException("the hub " + hub
                + " has no member directory in force yet"));
    }

    private MemberDirectory next(Map<String, MemberDirectory.Member> members, X509CRL crl) {
        return current().next(clock.instant(), lifetime, members, crl);
    }

    private MemberDirectory publish(MemberDirectory directory, String why) {
        inForce.problems(directory).ifPresent(problem -> {
            throw new RefusedChangeException("member directory version " + directory.version()
                    + " would not be applied by the members: " + problem);
        });
        store.keep(new Directories.Kept(directory.version(), null, directory.issuedAt(),
                directory.toJson().toString(), clock.instant()));
        inForce.applied(null, directory);
        LOG.info("{}: member directory version {} published ({}): members {}", hub, directory.version(), why,
                directory.memberIds());
        send(directory);
        return directory;
    }

    private void send(MemberDirectory directory) {
        String messageId = sender.send(directory.toJson());
        if (messageId == null) {
            LOG.info("{}: member directory version {} lists no member to send it to yet", hub, directory.version());
            return;
        }
        store.sent(directory.version(), messageId);
        inForce.sent(messageId);
    }
}
