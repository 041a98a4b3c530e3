package org.regionalexchange.node.outbox;

import java.time.Instant;
import java.util.Arrays;
import org.regionalexchange.node.audit.AuditEntry;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.store.DeliveryStatus;
import org.regionalexchange.node.store.SentMessages;

/**
 * Records what this node sends: the message with a queued status per recipient and one audit entry per next hop;
 * then moves recipients to forwarded as the peers' brokers take their copies.
 */
public final class SentLedger implements DeliveryListener {

    private final String self;
    private final SentMessages sent;
    private final AuditLog audit;

    public SentLedger(String self, SentMessages sent, AuditLog audit) {
        this.self = self;
        this.sent = sent;
        this.audit = audit;
    }

    public OutgoingMessage record(OutgoingMessage message) {
        String digest = AuditEntry.sha256(message.wire());
        sent.record(new SentMessages.Sent(message.messageId(), message.header().path("kind").asText(),
                Instant.parse(message.header().path("createdAt").asText()), expiresAt(message),
                message.header().path("handling").asText(), message.header().toString(), digest,
                message.nextHopByRecipient()));
        boolean receipt = "receipt".equals(message.header().path("kind").asText());
        for (String hop : message.hops().keySet()) {
            audit.append(message.messageId(), digest, hop, receipt ? Decision.RECEIPT : Decision.SENT);
        }
        return message;
    }

    @Override
    public void forwarded(String messageId, String sender, String deliverTo) {
        if (self.equals(sender)) {
            Arrays.stream(deliverTo.split(",")).map(String::strip).filter(r -> !r.isEmpty())
                    .forEach(recipient -> sent.advance(messageId, recipient, DeliveryStatus.FORWARDED, null));
        }
    }

    private static Instant expiresAt(OutgoingMessage message) {
        return message.header().hasNonNull("expiresAt")
                ? Instant.parse(message.header().get("expiresAt").asText()) : null;
    }
}
