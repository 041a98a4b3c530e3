package org.regionalexchange.node.inbox;

import java.time.Clock;
import org.regionalexchange.node.envelope.EnvelopeCodec;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.routing.UnreachableRecipientException;
import org.regionalexchange.node.store.QuarantineStore;
import org.regionalexchange.node.logging.MessageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The permanent-failure path: the raw bytes, reason, delivering peer and time go to quarantine, the audit log
 * records the rejection, and when the signature proved who sent it, a signed {@code rejected} receipt goes back.
 * Past the hour's budget for one peer and reason (see {@link QuarantineBudget}) a rejection is counted in the
 * quarantine's repeats instead of kept, and not logged line by line.
 */
public final class Rejections {

    private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);

    private final QuarantineStore quarantine;
    private final InboundLedger ledger;
    private final Receipts receipts;
    private final Clock clock;
    private final QuarantineBudget budget;
    private final java.util.function.BiConsumer<String, String> onRejected;

    public Rejections(QuarantineStore quarantine, InboundLedger ledger, Receipts receipts, Clock clock) {
        this(quarantine, ledger, receipts, clock, new QuarantineBudget(QuarantineBudget.DEFAULT_PER_HOUR),
                (peer, reason) -> { });
    }

    /**
     * @param budget how many of one peer's rejections of one reason are kept whole each hour
     * @param rejected told of every rejection, by delivering peer and reason (for the metrics)
     */
    public Rejections(QuarantineStore quarantine, InboundLedger ledger, Receipts receipts, Clock clock,
            QuarantineBudget budget, java.util.function.BiConsumer<String, String> rejected) {
        this.budget = budget;
        this.onRejected = rejected;
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
        try (MessageLog.Scope scope = MessageLog.about(messageId)) {
            return recordRejection(failure, incoming, reason, messageId, sender, detail);
        }
    }

    private Submission recordRejection(Exception failure, Incoming incoming, RejectReason reason, String messageId,
            String sender, String detail) {
        java.time.Instant now = clock.instant();
        if (budget.keep(incoming.peer(), reason.name(), now)) {
            LOG.warn("rejected message {} from peer {}: {}", messageId, incoming.peer(), detail);
            ledger.rejected(incoming, messageId, quarantine, new QuarantineStore.Quarantined(0, now,
                    incoming.peer(), reason.name(), detail, blankToNull(messageId),
                    sender != null ? sender : blankToNull(incoming.sender()), incoming.deliverTo(), incoming.wire()));
        } else {
            if (budget.justSpent(incoming.peer(), reason.name())) {
                LOG.warn("peer {} has had {} messages rejected as {} this hour: the rest of the hour's are counted"
                        + " in the quarantine's repeats, not kept (this one: {})", incoming.peer(),
                        budget.perHour(), reason, detail);
            }
            quarantine.countRepeat(incoming.peer(), reason.name(), blankToNull(messageId), now);
        }
        onRejected.accept(incoming.peer(), reason.name());
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
