package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.app.wiring.NodeServices;
import org.regionalexchange.node.app.wiring.NodeSettings;
import org.regionalexchange.node.audit.AuditEntry;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.MessageProperties;
import org.regionalexchange.node.broker.PeerConnections;
import org.regionalexchange.node.inbox.DeadLetterDesk;
import org.regionalexchange.node.outbox.HopCopy;
import org.regionalexchange.node.outbox.OutboxWriter;
import org.regionalexchange.node.store.QuarantineStore;

/**
 * An operator at KG working through its quarantine and dead-letter queue with real brokers: releasing, deleting,
 * retrying, each audited under the operator's name, with the audit chain intact afterwards.
 */
class QuarantineDeskIT {

    @TempDir
    static Path folder;

    static LocalRegion region;
    static Injector kazakhstan;

    @BeforeAll
    static void startRegion() {
        region = new LocalRegion(folder, List.of("KZ", "KG"), List.of(List.of("KZ", "KG")));
        region.start("KZ");
        region.start("KG");
        kazakhstan = new Injector(region, "KZ");
    }

    @AfterAll
    static void stopRegion() {
        region.close();
    }

    @Test
    void aReleasedMessageThatFailsAgainReturnsAsANewEntryAuditedReleasedThenRejected() {
        ObjectNode header = kazakhstan.header("KG", Instant.now().minus(Duration.ofMinutes(5)));
        String id = header.get("messageId").asText();
        byte[] wire = kazakhstan.seal(header, validDocument(), "KG");
        kazakhstan.deliver(wire, id, "KG");
        QuarantineStore.Summary first = awaitEntry(id, entry -> true);

        assertThat(kg().quarantineDesk().release(first.id(), "admin.alice")).isTrue();

        QuarantineStore.Summary again = awaitEntry(id, entry -> entry.id() != first.id());
        assertThat(again.reasonCode()).isEqualTo("EXPIRED");
        assertThat(again.deliveringPeer()).as("released as delivered by the original peer").isEqualTo("KZ");
        assertThat(again.sha256()).isEqualTo(first.sha256()).isEqualTo(AuditEntry.sha256(wire));
        assertThat(again.deliverTo()).containsExactly("KG");
        assertThat(again.detail()).contains("released from quarantine entry " + first.id());
        assertThat(kg().quarantineDesk().entry(first.id())).as("the released entry is removed").isEmpty();
        assertThat(decisionsOf(id)).containsExactly("REJECTED by KZ", "RELEASED by admin.alice", "REJECTED by KZ");
        assertChainIntact();
    }

    @Test
    void aReleasedMessageWhoseCauseIsGoneIsReceivedAsDeliveredByTheOriginalPeer() {
        // As if KG had rejected it while it lacked something it has now (a CRL not yet fetched, say): the bytes
        // are a valid envelope, quarantined here by hand since no such condition can be produced on demand.
        ObjectNode header = kazakhstan.header("KG", null);
        String id = header.get("messageId").asText();
        byte[] wire = kazakhstan.seal(header, validDocument(), "KG");
        new QuarantineStore(kg().database()).put(new QuarantineStore.Quarantined(0, Instant.now(), "KZ",
                "UNTRUSTED_SIGNER", "no current CRL", id, "KZ", List.of("KG"), wire));
        QuarantineStore.Summary entry = awaitEntry(id, any -> true);

        assertThat(kg().quarantineDesk().release(entry.id(), "admin.alice")).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() ->
                Documents.inboxIds(kg().api().inbox(null, null, null, "200")).contains(id));
        assertThat(decisionsOf(id)).containsExactly("RELEASED by admin.alice", "RECEIVED by KZ");
        assertThat(kg().quarantineDesk().list(new QuarantineStore.Query(500, null, null, null)))
                .noneMatch(e -> id.equals(e.messageId()));
        assertChainIntact();
    }

    @Test
    void aDeletedEntryIsGoneAndAuditedUnderTheOperatorsName() {
        String id = "garbage-" + System.nanoTime();
        kazakhstan.deliver("hello".getBytes(StandardCharsets.UTF_8), id, "KG");
        QuarantineStore.Summary entry = awaitEntry(id, any -> true);
        assertThat(entry.sizeBytes()).isEqualTo(5);

        assertThat(kg().quarantineDesk().delete(entry.id(), "admin.bob")).isTrue();

        assertThat(kg().quarantineDesk().raw(entry.id())).isEmpty();
        assertThat(kg().quarantineDesk().delete(entry.id(), "admin.bob")).isFalse();
        assertThat(kg().quarantineDesk().release(entry.id(), "admin.bob")).isFalse();
        assertThat(decisionsOf(id)).containsExactly("REJECTED by KZ", "DELETED by admin.bob");
        assertChainIntact();
    }

    @Test
    void aPeerCannotForgeTheReleaseMarker() throws Exception {
        String id = "forged-" + System.nanoTime();
        NodeSettings settings = region.node("KZ").settings();
        NodeSettings.PeerSettings link = settings.peer("KG").orElseThrow();
        try (Connection connection = PeerConnections.peer(link.host(), link.port(), settings.pki().tlsKeystore(),
                settings.pki().truststore(), settings.pki().password()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = OutboxWriter.envelopeMessage(session, new HopCopy("KG", id, "KZ", List.of("KG"),
                    "not an envelope".getBytes(StandardCharsets.UTF_8)));
            message.setLongProperty(MessageProperties.RELEASED_FROM, 1);
            message.setStringProperty(MessageProperties.RELEASED_PEER, "TJ");
            session.createProducer(session.createQueue(BrokerAddresses.inbox("KZ"))).send(message);
        }

        QuarantineStore.Summary entry = awaitEntry(id, any -> true);
        assertThat(entry.deliveringPeer()).isEqualTo("KZ");
        assertThat(entry.detail()).doesNotContain("released from");
    }

    @Test
    void aDeadLetterIsListedFetchedRetriedAndAnotherDeleted() throws Exception {
        ObjectNode header = kazakhstan.header("KG", null);
        String retried = header.get("messageId").asText();
        byte[] wire = kazakhstan.seal(header, validDocument(), "KG");
        String retriedId = parkInDeadLetters(retried, wire);
        byte[] junk = "left for dead".getBytes(StandardCharsets.UTF_8);
        String deletedId = parkInDeadLetters("junk-" + System.nanoTime(), junk);
        DeadLetterDesk desk = kg().deadLetterDesk();

        assertThat(desk.list(100)).anySatisfy(letter -> {
            assertThat(letter.id()).isEqualTo(retriedId);
            assertThat(letter.originalAddress()).isEqualTo(BrokerAddresses.INBOX);
            assertThat(letter.messageId()).isEqualTo(retried);
            assertThat(letter.sizeBytes()).isEqualTo(wire.length);
            assertThat(letter.sha256()).isEqualTo(AuditEntry.sha256(wire));
        });
        assertThat(desk.body(retriedId)).hasValueSatisfying(body -> assertThat(body).isEqualTo(wire));
        assertThat(desk.body("ID:00000000-0000-0000-0000-000000000000")).isEmpty();

        assertThat(desk.retry(retriedId, "admin.alice")).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Documents.inboxIds(kg().api().inbox(null, null, null, "200")).contains(retried));
        assertThat(desk.delete(deletedId, "admin.bob")).isTrue();

        assertThat(desk.list(100)).extracting(DeadLetterDesk.DeadLetter::id).doesNotContain(retriedId, deletedId);
        assertThat(desk.retry(deletedId, "admin.bob")).isFalse();
        assertThat(decisionsOf(retried)).startsWith("RETRIED by admin.alice").contains("RECEIVED by node-internal");
        assertChainIntact();
    }

    /**
     * Puts a message in KG's dead-letter queue as the broker does after the inbox's last failed delivery (same
     * original-address properties); sent over the node's own connection, so its validated user is the node's.
     */
    private static String parkInDeadLetters(String messageId, byte[] wire) throws JMSException {
        try (Connection connection = kg().internalFactory().createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = OutboxWriter.envelopeMessage(session, new HopCopy("KG", messageId, "KZ",
                    List.of("KG"), wire));
            message.setStringProperty("_AMQ_ORIG_ADDRESS", BrokerAddresses.INBOX);
            message.setStringProperty("_AMQ_ORIG_QUEUE", BrokerAddresses.INBOX);
            session.createProducer(session.createQueue(BrokerAddresses.DEAD_LETTER)).send(message);
            return message.getJMSMessageID();
        }
    }

    private static QuarantineStore.Summary awaitEntry(String messageId,
            java.util.function.Predicate<QuarantineStore.Summary> which) {
        QuarantineStore.Summary[] found = new QuarantineStore.Summary[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Optional<QuarantineStore.Summary> entry = kg().quarantineDesk()
                    .list(new QuarantineStore.Query(500, null, null, "KZ")).stream()
                    .filter(e -> messageId.equals(e.messageId()) && which.test(e)).findFirst();
            assertThat(entry).as("quarantine entry for " + messageId).isPresent();
            found[0] = entry.get();
        });
        return found[0];
    }

    private static List<String> decisionsOf(String messageId) {
        return kg().audit().entriesAfter(0, 100_000).stream().filter(e -> e.messageId().equals(messageId))
                .map(e -> e.decision() + " by " + e.peer()).toList();
    }

    private static void assertChainIntact() {
        assertThat(kg().audit().verify().intact()).as(kg().audit().verify().problem()).isTrue();
    }

    private static NodeServices kg() {
        return region.node("KG").services();
    }

    private static JsonNode validDocument() {
        return Documents.example("valid/seizure-notice/1-0-0/tj-diazepam-nizhniy-pyanj.json");
    }
}
