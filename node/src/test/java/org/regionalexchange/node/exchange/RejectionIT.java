package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.app.wiring.NodeRuntime;

/**
 * Every rejection path at a receiving node: the message is quarantined with its bytes, reason and delivering peer;
 * the sender gets a signed rejected receipt when its signature proved who it is; the stream goes on.
 */
class RejectionIT {

    static final ObjectMapper JSON = new ObjectMapper();

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
    void schemaInvalidDocumentIsQuarantinedAndAnsweredWithARejectedReceipt() {
        ObjectNode header = kazakhstan.header("KG", null);
        ObjectNode document = Documents.example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json").deepCopy();
        ((ObjectNode) document.get("items").get(0).get("quantity")).put("unit", "grams");
        String id = header.get("messageId").asText();
        kazakhstan.deliver(kazakhstan.seal(header, document, "KG"), id, "KG");

        assertQuarantined(id, "SCHEMA_INVALID", "KZ");
        assertRejectedReceiptAtSender(id, "SCHEMA_INVALID");
    }

    @Test
    void expiredMessageIsQuarantinedAndAnsweredWithARejectedReceipt() {
        ObjectNode header = kazakhstan.header("KG", Instant.now().minus(Duration.ofMinutes(5)));
        String id = header.get("messageId").asText();
        kazakhstan.deliver(kazakhstan.seal(header, validDocument(), "KG"), id, "KG");

        assertQuarantined(id, "EXPIRED", "KZ");
        assertRejectedReceiptAtSender(id, "EXPIRED");
    }

    @Test
    void differentContentUnderAKnownMessageIdIsAReplay() {
        ObjectNode header = kazakhstan.header("KG", null);
        String id = header.get("messageId").asText();
        kazakhstan.deliver(kazakhstan.seal(header, validDocument(), "KG"), id, "KG");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Documents.inboxIds(region.node("KG").services().api().inbox(null, null, null, "100")).contains(id));

        ObjectNode changed = validDocument().deepCopy();
        changed.put("seizureRef", "KG-MVD-2024-9999");
        kazakhstan.deliver(kazakhstan.seal(header, changed, "KG"), id, "KG");

        assertQuarantined(id, "REPLAY", "KZ");
        assertRejectedReceiptAtSender(id, "REPLAY");
    }

    @Test
    void tamperedCiphertextIsQuarantinedWithoutAReceiptAndTheStreamGoesOn() throws Exception {
        ObjectNode header = kazakhstan.header("KG", null);
        String id = header.get("messageId").asText();
        ObjectNode wire = (ObjectNode) JSON.readTree(kazakhstan.seal(header, validDocument(), "KG"));
        byte[] cms = Base64.getDecoder().decode(wire.get("protected").asText());
        cms[cms.length - 1] ^= 0x01;
        wire.put("protected", Base64.getEncoder().encodeToString(cms));
        byte[] tampered = wire.toString().getBytes(StandardCharsets.UTF_8);
        kazakhstan.deliver(tampered, id, "KG");

        JsonNode entry = assertQuarantined(id, "DECRYPT_FAILED", "KZ");
        assertThat(entry.get("size").asInt()).isEqualTo(tampered.length);
        assertThat(entry.has("rawBase64")).isFalse();
        assertThat(region.node("KG").services().quarantineDesk().raw(entry.get("id").asLong()))
                .hasValueSatisfying(raw -> assertThat(raw).isEqualTo(tampered));
        assertThat(entry.get("sha256").asText()).isEqualTo(org.regionalexchange.node.audit.AuditEntry.sha256(tampered));

        NodeRuntime sender = region.node("KZ");
        String next = sender.submit(Documents.seizureNotice(List.of("KG")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sender.services().api().status(next)).contains("\"status\":\"delivered\""));
        assertThat(sender.services().api().inbox("receipt", null, null, "200")).doesNotContain(
                "\"receiptFor\":\"" + id + "\"");
        assertThat(region.node("KG").services().api().audit()).contains("\"intact\":true");
    }

    @Test
    void envelopeToRelayTowardsANodeWithoutALinkIsQuarantinedAsNoRoute() {
        ObjectNode header = kazakhstan.header("KG", null);
        String id = header.get("messageId").asText();
        kazakhstan.deliver(kazakhstan.seal(header, validDocument(), "KG"), id, "KG", "TM");
        assertQuarantined(id, "NO_ROUTE", "KZ");
    }

    @Test
    void garbageBytesAreQuarantinedAsMalformed() {
        String id = "not-even-an-envelope";
        kazakhstan.deliver("hello".getBytes(StandardCharsets.UTF_8), id, "KG");
        assertQuarantined(id, "MALFORMED", "KZ");
    }

    private static JsonNode validDocument() {
        return Documents.example("valid/seizure-notice/1-0-0/tj-diazepam-nizhniy-pyanj.json");
    }

    private static JsonNode assertQuarantined(String messageId, String reason, String peer) {
        JsonNode entry = QuarantineProbe.awaitEntry(region, "KG", messageId, reason, peer, Duration.ofSeconds(20));
        assertThat(entry.get("size").asInt()).isPositive();
        return entry;
    }

    private static void assertRejectedReceiptAtSender(String messageId, String reason) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode receipts = JSON.readTree(region.node("KZ").services().api().inbox("receipt", null, null, "200"));
            boolean found = false;
            for (JsonNode receipt : receipts) {
                JsonNode document = receipt.get("document");
                found |= messageId.equals(document.path("receiptFor").asText())
                        && "rejected".equals(document.path("outcome").asText())
                        && reason.equals(document.path("reasonCode").asText())
                        && "KG".equals(receipt.path("sender").asText());
            }
            assertThat(found).as("rejected receipt for " + messageId + " with " + reason).isTrue();
        });
    }
}
