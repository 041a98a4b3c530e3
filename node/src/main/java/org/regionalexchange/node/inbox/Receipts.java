package org.regionalexchange.node.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.store.DeliveryStatus;
import org.regionalexchange.node.store.SentMessages;

/**
 * Signed receipts: this node answers every copy of an accepted message with {@code delivered} (the same document each
 * time, stating when the first copy was stored, so a lost receipt heals when the sender resends) and every rejected
 * one whose sender the signature proved with {@code rejected}; receipts that come back update the status of what
 * this node sent, idempotently. Receipts themselves are never acknowledged, so two nodes cannot answer each other
 * forever.
 */
public final class Receipts {

    /** Where the time from submission to a recipient's first receipt goes, per recipient, kind and outcome. */
    @FunctionalInterface
    public interface LatencyRecorder {
        void record(String recipient, String kind, String outcome, java.time.Duration latency);
    }

    private final String self;
    private final SentMessages sent;
    private final Clock clock;
    private final LatencyRecorder latency;

    public Receipts(String self, SentMessages sent, Clock clock) {
        this(self, sent, clock, (recipient, kind, outcome, took) -> { });
    }

    public Receipts(String self, SentMessages sent, Clock clock, LatencyRecorder latency) {
        this.self = self;
        this.sent = sent;
        this.clock = clock;
        this.latency = latency;
    }

    public Submission delivered(Accepted accepted) {
        return receipt(accepted.message().messageId(), accepted.message().sender(), "delivered", null, null,
                accepted.receivedAt());
    }

    public Submission rejected(String messageId, String sender, RejectReason reason, String detail) {
        return receipt(messageId, sender, "rejected", reason, detail, clock.instant());
    }

    /**
     * Applies a receipt to the sent message it acknowledges. The first receipt of a recipient (the one that moves its
     * status) is timed from submission; the answers to later copies are not, so a resend does not count twice.
     */
    public void apply(Accepted accepted) {
        OpenedMessage receipt = accepted.message();
        JsonNode document = receipt.document();
        boolean delivered = "delivered".equals(document.path("outcome").asText());
        String messageId = document.path("receiptFor").asText();
        boolean advanced = sent.advance(messageId, receipt.sender(),
                delivered ? DeliveryStatus.DELIVERED : DeliveryStatus.REJECTED,
                delivered ? null : document.path("reasonCode").asText(null));
        if (advanced) {
            sent.submitted(messageId).ifPresent(submitted -> latency.record(receipt.sender(), submitted.kind(),
                    delivered ? "delivered" : "rejected",
                    java.time.Duration.between(submitted.submittedAt(), clock.instant())));
        }
    }

    private Submission receipt(String messageId, String sender, String outcome, RejectReason reason, String detail,
            java.time.Instant receivedAt) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("receiptFor", messageId);
        document.put("outcome", outcome);
        if (reason != null) {
            document.put("reasonCode", reason.name());
        }
        document.put("receivedBy", self);
        document.put("receivedAt", receivedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        if (detail != null && !detail.isBlank()) {
            document.put("detail", detail.length() > 2000 ? detail.substring(0, 2000) : detail);
        }
        return new Submission("receipt", List.of(sender), "GREEN", document, List.of(), null, "en", "actual");
    }
}
