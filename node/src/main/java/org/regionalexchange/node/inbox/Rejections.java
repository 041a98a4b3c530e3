package org.regionalexchange.node.inbox;

import java.time.Clock;
import org.regionalexchange.node.envelope.EnvelopeCodec;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.routing.UnreachableRecipientException;
import org.regionalexchange.node.store.QuarantineStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The permanent-failure path: the raw bytes, reason, delivering peer and time go to quarantine, the audit log
 * records the rejection, and when the signature proved who sent it, a signed {@code rejected} receipt goes back.
 */
public final class Rejections {

    private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);

    private final QuarantineStore quarantine;
    private final InboundLedger ledger;
    private final Receipts receipts;
    private final Clock clock;

    public Rejections(QuarantineStore quarantine, InboundLedger ledger, Receipts receipts, Clock clock) {
        this.quarantine = quarantine;
        this.ledger = ledger;
        this.receipts = receipts;
        this.clock = clock;
    }

    /** @return the rejected receipt to send, or null when there is nobody proven to send it to */
    public Submission reject(Exception failure, Incoming incoming) {
        RejectReason reason = failure instanceof RejectedMessageException rejected ? rejected.reason()
                : failure instanceof UnreachableRecipientException ? RejectReason.NO_ROUTE : RejectReason.MALFORMED;
        String messageId = failure instanceof RejectedMessageException rejected
                ? rejected.messageId().orElse(incoming.messageId()) : incoming.messageId();
        String sender = failure instanceof RejectedMessageException rejected
                ? rejected.authenticatedSender().orElse(null) : null;
        String detail = incoming.releasedFrom() == 0 ? failure.getMessage()
                : failure.getMessage() + " (released from quarantine entry " + incoming.releasedFrom() + ")";
        LOG.warn("rejected message {} from peer {}: {}", messageId, incoming.peer(), detail);
        ledger.rejected(incoming, messageId, quarantine, new QuarantineStore.Quarantined(0, clock.instant(),
                incoming.peer(), reason.name(), detail, blankToNull(messageId),
                sender != null ? sender : blankToNull(incoming.sender()), incoming.deliverTo(), incoming.wire()));
        if (sender == null || isReceipt(incoming)) {
            return null;
        }
        return receipts.rejected(messageId, sender, reason, failure.getMessage());
    }

    /** Receipts are never answered, not even a rejected one: the clear header says whether this was one. */
    private static boolean isReceipt(Incoming incoming) {
        try {
            return "receipt".equals(EnvelopeCodec.read(incoming.wire()).header().path("kind").asText());
        } catch (RejectedMessageException unreadable) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
