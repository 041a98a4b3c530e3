package org.regionalexchange.node.inbox;

import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.AuditEntry;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.crypto.MessageOpener;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;
import org.regionalexchange.node.outbox.SubmissionChecker;
import org.regionalexchange.node.store.ReceivedMessages;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaCatalog;
import org.regionalexchange.schemas.Violation;

/**
 * Opens, deduplicates, validates and stores a message addressed to this node. The stored record and its audit entry
 * commit together, durably, before anything is answered: the receipt and the inbox acknowledgement come after.
 * The store's primary key on messageId is the idempotency record. A second copy of the same signed content (sent both
 * directly and through the hub, resent for a lost receipt, or redelivered after a crash) is a duplicate that is still
 * answered; different content under a known messageId is a replay and is rejected.
 */
public final class Acceptance {

    private final MessageOpener opener;
    private final SchemaCatalog catalog;
    private final ReceivedMessages received;
    private final AuditLog audit;
    private final Clock clock;
    private final Timer openTimer;

    public Acceptance(MessageOpener opener, SchemaCatalog catalog, ReceivedMessages received, AuditLog audit,
            Clock clock, Timer openTimer) {
        this.opener = opener;
        this.openTimer = openTimer;
        this.catalog = catalog;
        this.received = received;
        this.audit = audit;
        this.clock = clock;
    }

    public OpenedMessage open(Incoming incoming) {
        return openTimer.record(() -> opener.open(incoming.wire()));
    }

    public Accepted accept(OpenedMessage message, Incoming incoming) {
        validate(message);
        String digest = AuditEntry.sha256(message.signedContent());
        String wireDigest = AuditEntry.sha256(incoming.wire());
        Instant now = clock.instant();
        ReceivedMessages.Received record = new ReceivedMessages.Received(message.messageId(), message.kind(),
                message.sender(), now, incoming.peer(), digest, message.header().toString(),
                message.document().toString());
        return audit.inTransaction("storing received message " + message.messageId(), (connection, entries) -> {
            Optional<ReceivedMessages.Stored> earlier = received.stored(connection, message.messageId());
            if (earlier.isEmpty()) {
                received.insert(connection, record);
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
    }

    private void validate(OpenedMessage message) {
        MessageKind kind;
        try {
            kind = MessageKind.fromId(message.kind());
        } catch (IllegalArgumentException e) {
            throw invalid(message, List.of(new Violation("/header/kind", e.getMessage())));
        }
        List<Violation> violations = catalog.validateHeader(message.header());
        if (violations.isEmpty()) {
            violations = catalog.validateDocument(kind, message.document());
        }
        if (violations.isEmpty()) {
            violations = SubmissionChecker.senderRules(kind, message.sender(), message.document());
        }
        if (!violations.isEmpty()) {
            throw invalid(message, violations);
        }
    }

    private static RejectedMessageException invalid(OpenedMessage message, List<Violation> violations) {
        return new RejectedMessageException(RejectReason.SCHEMA_INVALID, message.messageId(), message.sender(),
                Violation.describe(violations), null);
    }
}
