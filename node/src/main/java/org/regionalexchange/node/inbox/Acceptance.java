package org.regionalexchange.node.inbox;

import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.AuditEntry;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.crypto.MessageOpener;
import org.regionalexchange.node.directory.DirectoryInForce;
import org.regionalexchange.node.directory.MemberDirectory;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;
import org.regionalexchange.node.rules.MessageRules;
import org.regionalexchange.node.rules.ReceivedMessageCheck;
import org.regionalexchange.node.rules.RuleReport;
import org.regionalexchange.node.store.ReceivedMessages;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens, deduplicates, validates and stores a message addressed to this node. The stored record and its audit entry
 * commit together, durably, before anything is answered: the receipt and the inbox acknowledgement come after.
 * The store's primary key on messageId is the idempotency record. A second copy of the same signed content (sent both
 * directly and through the hub, resent for a lost receipt, or redelivered after a crash) is a duplicate that is still
 * answered; different content under a known messageId is a replay and is rejected.
 *
 * <p>The checks after opening are those of {@link ReceivedMessageCheck}: the schemas, then the {@link MessageRules}.
 * One rule may be broken only for now: an update or cancellation whose alert has not arrived yet, though it may (the
 * update came direct, the alert comes through the hub). That message is rolled back for the broker to redeliver with the inbox's back-off, up to
 * {@code referenceAttempts} deliveries of the copy, and then rejected as UNKNOWN_REFERENCE like any other.
 */
public final class Acceptance {

    private static final Logger LOG = LoggerFactory.getLogger(Acceptance.class);

    private final MessageOpener opener;
    private final ReceivedMessageCheck check;
    private final ReceivedMessages received;
    private final AuditLog audit;
    private final Clock clock;
    private final Timer openTimer;
    private final int referenceAttempts;
    private final DirectoryInForce directory;

    /**
     * @param referenceAttempts how many deliveries of a copy may wait for the alert it updates or cancels
     * @param directory the member directory in force, which a received directory replaces when it passes its checks
     */
    public Acceptance(MessageOpener opener, SchemaCatalog catalog, ReceivedMessages received, AuditLog audit,
            Clock clock, Timer openTimer, MessageRules rules, int referenceAttempts, DirectoryInForce directory) {
        this.opener = opener;
        this.directory = directory;
        this.referenceAttempts = referenceAttempts;
        this.openTimer = openTimer;
        this.check = new ReceivedMessageCheck(catalog, rules);
        this.received = received;
        this.audit = audit;
        this.clock = clock;
    }

    public OpenedMessage open(Incoming incoming) {
        return openTimer.record(() -> opener.open(incoming.wire()));
    }

    public Accepted accept(OpenedMessage message, Incoming incoming) {
        keepsTheRules(message, incoming);
        MemberDirectory published = message.kind().equals(MessageKind.MEMBER_DIRECTORY.id())
                ? directory.check(message.messageId(), message.sender(), message.document()) : null;
        String digest = AuditEntry.sha256(message.signedContent());
        String wireDigest = AuditEntry.sha256(incoming.wire());
        Instant now = clock.instant();
        ReceivedMessages.Received record = new ReceivedMessages.Received(message.messageId(), message.kind(),
                message.sender(), now, incoming.peer(), digest, message.header().toString(),
                message.document().toString());
        Accepted accepted = audit.inTransaction("storing received message " + message.messageId(),
                (connection, entries) -> {
            Optional<ReceivedMessages.Stored> earlier = received.stored(connection, message.messageId());
            if (earlier.isEmpty()) {
                received.insert(connection, record);
                if (published != null) {
                    directory.keep(connection, message.messageId(), message.sender(), published,
                            message.document().toString());
                }
                entries.append(message.messageId(), wireDigest, incoming.peer(),
                        message.kind().equals("receipt") ? Decision.RECEIPT : Decision.RECEIVED);
                return new Accepted(message, false, false, now);
            }
            if (!earlier.get().digest().equals(digest)) {
                throw new RejectedMessageException(RejectReason.REPLAY, message.messageId(), message.sender(),
                        "a different message already arrived under this messageId", null);
            }
            entries.append(message.messageId(), wireDigest, incoming.peer(), Decision.DUPLICATE);
            return new Accepted(message, true, earlier.get().dispatched(), earlier.get().receivedAt());
        });
        if (published != null) {
            directory.applied(message.messageId(), published);
        }
        return accepted;
    }

    private void keepsTheRules(OpenedMessage message, Incoming incoming) {
        RuleReport report = check.check(message);
        if (report.isEmpty()) {
            return;
        }
        String detail = report.describe();
        if (report.onlyPending()) {
            if (incoming.deliveryAttempt() < referenceAttempts) {
                LOG.info("message {} from {} waits for the alert it refers to (delivery {} of {}): {}",
                        message.messageId(), message.sender(), incoming.deliveryAttempt(), referenceAttempts, detail);
                throw new ReferencePendingException("message " + message.messageId() + " waits, delivery "
                        + incoming.deliveryAttempt() + " of " + referenceAttempts + ": " + detail);
            }
            detail += " (still unknown after " + incoming.deliveryAttempt() + " deliveries)";
        }
        RejectReason reason = report.reason();
        throw new RejectedMessageException(reason, message.messageId(),
                reason.senderAuthenticated() ? message.sender() : null, detail, null);
    }
}
