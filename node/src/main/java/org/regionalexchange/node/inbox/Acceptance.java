package org.regionalexchange.node.inbox;

import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.List;
import org.regionalexchange.node.audit.AuditEntry;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.crypto.MessageOpener;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;
import org.regionalexchange.node.store.ReceivedMessages;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaCatalog;
import org.regionalexchange.schemas.Violation;

/**
 * Opens, deduplicates, validates and stores a message addressed to this node. The store's primary key on messageId
 * is the idempotency record. A second copy of the same signed content (sent both directly and through the hub) is a
 * harmless duplicate; different content under a known messageId is a replay and is rejected. A copy the broker
 * redelivers after a failed attempt goes on to dispatch, because that attempt may have stored without dispatching.
 */
public final class Acceptance {

    private final MessageOpener opener;
    private final SchemaCatalog catalog;
    private final ReceivedMessages received;
    private final InboundLedger ledger;
    private final Clock clock;
    private final Timer openTimer;

    public Acceptance(MessageOpener opener, SchemaCatalog catalog, ReceivedMessages received, InboundLedger ledger,
            Clock clock, Timer openTimer) {
        this.opener = opener;
        this.openTimer = openTimer;
        this.catalog = catalog;
        this.received = received;
        this.ledger = ledger;
        this.clock = clock;
    }

    public OpenedMessage open(Incoming incoming) {
        return openTimer.record(() -> opener.open(incoming.wire()));
    }

    public Accepted accept(OpenedMessage message, Incoming incoming) {
        validate(message);
        String digest = AuditEntry.sha256(message.signedContent());
        boolean stored = received.storeIfNew(new ReceivedMessages.Received(message.messageId(), message.kind(),
                message.sender(), clock.instant(), incoming.peer(), digest, message.header().toString(),
                message.document().toString()));
        if (!stored) {
            String earlier = received.find(message.messageId()).map(ReceivedMessages.Received::digest).orElse("");
            if (!earlier.equals(digest)) {
                throw new RejectedMessageException(RejectReason.REPLAY, message.messageId(), message.sender(),
                        "a different message already arrived under this messageId", null);
            }
            if (!incoming.redelivered()) {
                ledger.decided(incoming, message.messageId(), Decision.DUPLICATE);
                return new Accepted(message, true);
            }
        }
        ledger.decided(incoming, message.messageId(), message.kind().equals("receipt") ? Decision.RECEIPT
                : Decision.RECEIVED);
        return new Accepted(message, false);
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
        if (!violations.isEmpty()) {
            throw invalid(message, violations);
        }
    }

    private static RejectedMessageException invalid(OpenedMessage message, List<Violation> violations) {
        return new RejectedMessageException(RejectReason.SCHEMA_INVALID, message.messageId(), message.sender(),
                Violation.describe(violations), null);
    }
}
