package org.regionalexchange.node.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.regionalexchange.node.audit.AuditEntry;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.store.SentMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what this node sends: the message with its sealed bytes, a queued status per recipient and one audit entry
 * per next hop, all in one durable transaction before any copy is queued; then follows each hand-over, setting the
 * time by which a receipt is due and the hop that took the copy, and each diversion of a waiting copy to the hub.
 */
public final class SentLedger implements DeliveryListener {

    private static final Logger LOG = LoggerFactory.getLogger(SentLedger.class);

    private final String self;
    private final SentMessages sent;
    private final AuditLog audit;
    private final Duration receiptWait;
    private final Clock clock;

    /** @param receiptWait how long after a hand-over a recipient's receipt may take before the message is resent */
    public SentLedger(String self, SentMessages sent, AuditLog audit, Duration receiptWait, Clock clock) {
        this.self = self;
        this.sent = sent;
        this.audit = audit;
        this.receiptWait = receiptWait;
        this.clock = clock;
    }

    public OutgoingMessage record(OutgoingMessage message) {
        String digest = AuditEntry.sha256(message.wire());
        String kind = message.header().path("kind").asText();
        SentMessages.Sent record = new SentMessages.Sent(message.messageId(), kind,
                Instant.parse(message.header().path("createdAt").asText()), expiresAt(message),
                message.header().path("handling").asText(), message.header().toString(), digest,
                message.nextHopByRecipient(), message.wire());
        Decision decision = "receipt".equals(kind) ? Decision.RECEIPT : Decision.SENT;
        audit.inTransaction("recording sent message " + message.messageId(), (connection, entries) -> {
            sent.record(connection, record);
            for (String hop : message.hops().keySet()) {
                entries.append(message.messageId(), digest, hop, decision);
            }
            return null;
        });
        return message;
    }

    /**
     * Undoes {@link #record} for a message none of whose copies could be queued, so the submitter's error answer
     * is the truth. The audit chain keeps the SENT entries and adds one WITHDRAWN entry.
     */
    public void withdraw(OutgoingMessage message, RuntimeException cause) {
        try {
            audit.inTransaction("withdrawing " + message.messageId(), (connection, entries) -> {
                sent.withdraw(connection, message.messageId());
                entries.append(message.messageId(), AuditEntry.sha256(message.wire()), self, Decision.WITHDRAWN);
                return null;
            });
        } catch (RuntimeException e) {
            // The start-up check of the outboxes queues it then: the submitter may see it delivered after an error.
            LOG.warn("message {} could not be queued ({}) nor withdrawn ({}); it will be queued when the node next"
                    + " starts", message.messageId(), cause.getMessage(), e.getMessage());
        }
    }

    @Override
    public void forwarded(String messageId, String sender, List<String> deliverTo, String hop) {
        if (self.equals(sender)) {
            Instant due = clock.instant().plus(receiptWait);
            deliverTo.forEach(recipient -> sent.forwarded(messageId, recipient, due, hop));
        }
    }

    /**
     * One DIVERTED entry per new hop, naming it as the entry's peer, and for this node's own messages the new next
     * hop on each recipient's status, in one transaction.
     */
    @Override
    public void diverted(HopCopy waiting, List<HopCopy> replacements) {
        String digest = AuditEntry.sha256(waiting.wire());
        audit.inTransaction("recording the diversion of " + waiting.messageId() + " from " + waiting.hop(),
                (connection, entries) -> {
                    for (HopCopy copy : replacements) {
                        if (self.equals(waiting.sender())) {
                            sent.rerouted(connection, copy.messageId(), copy.deliverTo(), copy.hop());
                        }
                        entries.append(copy.messageId(), digest, copy.hop(), Decision.DIVERTED);
                    }
                    return null;
                });
    }

    @Override
    public void failed(String messageId, String sender, List<String> deliverTo, String error) {
        if (self.equals(sender) && messageId != null) {
            try {
                sent.noteError(messageId, deliverTo, error);
            } catch (RuntimeException e) {
                LOG.debug("could not note the delivery error of {}: {}", messageId, e.getMessage());
            }
        }
    }

    private static Instant expiresAt(OutgoingMessage message) {
        return message.header().hasNonNull("expiresAt")
                ? Instant.parse(message.header().get("expiresAt").asText()) : null;
    }
}
