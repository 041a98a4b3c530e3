package org.regionalexchange.node.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.rules.VersionRules;
import org.regionalexchange.node.store.DeliveryStatus;
import org.regionalexchange.node.store.ReceivedMessages;
import org.regionalexchange.node.store.SentMessages;

/**
 * Signed receipts: this node answers every copy of an accepted message with {@code delivered} (stating when the
 * first copy was stored, so a lost receipt heals when the sender resends) and every rejected one whose sender the
 * signature proved with {@code rejected}; receipts that come back update the status of what this node sent,
 * idempotently. Receipts themselves are never acknowledged, so two nodes cannot answer each other forever.
 *
 * <p>A delivered receipt is owed durably (see {@link ReceivedMessages#owe}) once the message is stored and
 * dispatched, and sent by the {@link ReceiptBatcher}: one signed receipt answers every message of one sender owed at
 * that moment ({@code receiptFor} and {@code alsoFor}), so under load a receipt costs one seal and one open for many
 * messages, and alone a message is answered at once. A rejection answers its one message, immediately.
 */
public final class Receipts {

    /** Where the time from submission to a recipient's first receipt goes, per recipient, kind and outcome. */
    @FunctionalInterface
    public interface LatencyRecorder {
        void record(String recipient, String kind, String outcome, java.time.Duration latency);
    }

    /**
     * The schema versions this node declares in its receipts, and where it keeps what other members declare in
     * theirs (receipt 1-1-0 and later carry {@code supports}).
     *
     * @param supports kind id to versions; empty when this node's receipts cannot carry them
     * @param learn takes a member's declaration: its node id, what it declared, when
     */
    public record Declarations(VersionRules versions, Map<String, List<String>> supports, Learner learn) {}

    /** Keeps what a member declared. */
    @FunctionalInterface
    public interface Learner {
        void declared(String member, Map<String, List<String>> supports, java.time.Instant at);
    }

    /** The most messages one delivered receipt answers (the schema allows 1,001). */
    public static final int MAX_PER_RECEIPT = 500;

    private final String self;
    private final SentMessages sent;
    private final ReceivedMessages received;
    private final Clock clock;
    private final LatencyRecorder latency;
    private final Declarations declarations;
    private volatile Runnable owedSignal = () -> { };

    public Receipts(String self, SentMessages sent, ReceivedMessages received, Clock clock) {
        this(self, sent, received, clock, (recipient, kind, outcome, took) -> { });
    }

    public Receipts(String self, SentMessages sent, ReceivedMessages received, Clock clock,
            LatencyRecorder latency) {
        this(self, sent, received, clock, latency, null);
    }

    /** @param declarations what receipts declare and where declarations go; null for none */
    public Receipts(String self, SentMessages sent, ReceivedMessages received, Clock clock,
            LatencyRecorder latency, Declarations declarations) {
        this.declarations = declarations;
        this.self = self;
        this.sent = sent;
        this.received = received;
        this.clock = clock;
        this.latency = latency;
    }

    /** Called whenever a receipt becomes owed, to wake the batcher that sends them. */
    void onOwed(Runnable signal) {
        this.owedSignal = signal;
    }

    /**
     * Owes the sender a delivered receipt for a message stored and dispatched (a second copy owes it again), durably,
     * before the inbox acknowledges the copy.
     */
    public Accepted owe(Accepted accepted) {
        received.owe(accepted.message().messageId(), accepted.message().sender(), accepted.receivedAt(),
                clock.instant());
        owedSignal.run();
        return accepted;
    }

    /**
     * One delivered receipt for owed messages of one sender: the first as {@code receiptFor}, the others in
     * {@code alsoFor}, each with when it was first stored.
     */
    public Submission delivered(String sender, List<ReceivedMessages.Owed> owed) {
        if (owed.isEmpty() || owed.size() > MAX_PER_RECEIPT
                || owed.stream().anyMatch(message -> !message.sender().equals(sender))) {
            throw new IllegalArgumentException("a delivered receipt answers 1 to " + MAX_PER_RECEIPT
                    + " messages of its one sender");
        }
        Submission receipt = receipt(owed.get(0).messageId(), sender, "delivered", null, null,
                owed.get(0).receivedAt());
        if (owed.size() > 1) {
            com.fasterxml.jackson.databind.node.ArrayNode also = ((ObjectNode) receipt.document()).putArray("alsoFor");
            owed.subList(1, owed.size()).forEach(message -> also.addObject().put("receiptFor", message.messageId())
                    .put("receivedAt", second(message.receivedAt())));
        }
        return receipt;
    }

    /**
     * A rejection of one message. UNSUPPORTED_VERSION goes only to a member that reads receipts of
     * {@link VersionRules#DECLARING_RECEIPT} or later; any other is told SCHEMA_INVALID with the same detail.
     */
    public Submission rejected(String messageId, String sender, RejectReason reason, String detail) {
        if (reason == RejectReason.UNSUPPORTED_VERSION
                && (declarations == null || !declarations.versions().readsDeclaringReceipts(sender))) {
            return receipt(messageId, sender, "rejected", RejectReason.SCHEMA_INVALID,
                    RejectReason.UNSUPPORTED_VERSION + ": " + detail, clock.instant());
        }
        return receipt(messageId, sender, "rejected", reason, detail, clock.instant());
    }

    /**
     * Applies a receipt to the sent messages it acknowledges. The first receipt of a recipient (the one that moves
     * its status) is timed from submission; the answers to later copies are not, so a resend does not count twice.
     */
    public void apply(Accepted accepted) {
        OpenedMessage receipt = accepted.message();
        JsonNode document = receipt.document();
        boolean delivered = "delivered".equals(document.path("outcome").asText());
        List<String> answered = new java.util.ArrayList<>(List.of(document.path("receiptFor").asText()));
        document.path("alsoFor").forEach(item -> answered.add(item.path("receiptFor").asText()));
        java.time.Instant now = clock.instant();
        if (declarations != null && document.path("supports").isObject()) {
            declarations.learn().declared(receipt.sender(), supports(document.path("supports")), now);
        }
        sent.advanceAll(answered, receipt.sender(), delivered ? DeliveryStatus.DELIVERED : DeliveryStatus.REJECTED,
                delivered ? null : document.path("reasonCode").asText(null)).forEach((messageId, submitted) ->
                latency.record(receipt.sender(), submitted.kind(), delivered ? "delivered" : "rejected",
                        java.time.Duration.between(submitted.submittedAt(), now)));
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
        document.put("receivedAt", second(receivedAt));
        if (detail != null && !detail.isBlank()) {
            document.put("detail", detail.length() > 2000 ? detail.substring(0, 2000) : detail);
        }
        if (declarations != null && !declarations.supports().isEmpty()) {
            ObjectNode supports = document.putObject("supports");
            declarations.supports().forEach((kind, versions) -> {
                com.fasterxml.jackson.databind.node.ArrayNode list = supports.putArray(kind);
                versions.forEach(list::add);
            });
        }
        return new Submission("receipt", List.of(sender), "GREEN", document, List.of(), null, "en", "actual");
    }

    private static Map<String, List<String>> supports(JsonNode supports) {
        Map<String, List<String>> declared = new java.util.TreeMap<>();
        supports.fields().forEachRemaining(kind -> {
            List<String> versions = new java.util.ArrayList<>();
            kind.getValue().forEach(version -> versions.add(version.asText()));
            declared.put(kind.getKey(), versions);
        });
        return declared;
    }

    private static String second(java.time.Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
