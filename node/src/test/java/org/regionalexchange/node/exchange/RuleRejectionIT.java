package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.app.wiring.NodeRuntime;
import org.regionalexchange.node.audit.AuditEntry;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.outbox.Submission;

/**
 * The message rules at a receiving node, with real brokers and real CMS: messages signed by KZ's real key that break
 * a rule are quarantined with their reason, the rejection is audited, the sender is answered when it should be, and
 * the next valid message is still delivered. KG gives an update three deliveries to find its alert, TJ nineteen.
 */
class RuleRejectionIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    static LocalRegion region;
    static Injector kazakhstan;

    @BeforeAll
    static void startRegion() {
        region = new LocalRegion(folder, List.of("KZ", "KG", "TJ"), List.of(List.of("KZ", "KG"), List.of("KZ", "TJ"),
                List.of("KG", "TJ")));
        region.set("KG", "node.rules.reference-attempts", "3");
        region.set("TJ", "node.rules.reference-attempts", "19");
        region.start("KZ");
        region.start("KG");
        region.start("TJ");
        kazakhstan = new Injector(region, "KZ");
    }

    @AfterAll
    static void stopRegion() {
        region.close();
    }

    @Test
    void messageWhoseSignedHeaderNamesAnotherRecipientIsNotAddressedAndNotAnswered() {
        ObjectNode header = kazakhstan.header("TJ", null);
        String id = header.get("messageId").asText();
        kazakhstan.deliver(kazakhstan.seal(header, seizure(), "KG"), id, "KG");

        JsonNode entry = assertQuarantinedAndAudited(id, "NOT_ADDRESSED");
        assertThat(entry.path("detail").asText()).contains("/header/recipients does not list KG or REGIONAL");
        assertStillDelivered();
        assertThat(region.node("KZ").services().api().inbox("receipt", null, null, "500"))
                .doesNotContain("\"receiptFor\":\"" + id + "\"");
    }

    @Test
    void signingTimeAnHourAheadIsSignedInFuture() {
        ObjectNode header = kazakhstan.header("KG", null);
        String id = header.get("messageId").asText();
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        kazakhstan.deliver(kazakhstan.seal(header, seizure(), "KG", ahead), id, "KG");

        JsonNode entry = assertQuarantinedAndAudited(id, "SIGNED_IN_FUTURE");
        assertThat(entry.path("detail").asText()).contains("signed at").contains("clock tolerance of PT5M");
        assertRejectedReceiptAtSender(id, "SIGNED_IN_FUTURE");
        assertStillDelivered();
    }

    @Test
    void seizureOf1e308KilogramsIsImplausible() {
        ObjectNode document = seizure().deepCopy();
        ((ObjectNode) document.get("items").get(0).get("quantity")).put("value", 1e308).put("unit", "kg");
        ObjectNode header = kazakhstan.header("KG", null);
        String id = header.get("messageId").asText();
        kazakhstan.deliver(kazakhstan.seal(header, document, "KG"), id, "KG");

        JsonNode entry = assertQuarantinedAndAudited(id, "IMPLAUSIBLE");
        assertThat(entry.path("detail").asText()).contains("/document/items/0/quantity/value 1.0E308 kg");
        assertRejectedReceiptAtSender(id, "IMPLAUSIBLE");
        assertStillDelivered();
    }

    @Test
    void updateOfAnAlertKyrgyzstanSentItselfIsAForeignReference() {
        String alert = region.node("KG").submit(new Submission("early-warning", List.of("KZ"), "GREEN",
                Documents.example("valid/early-warning/1-0-0/caricc-metonitazene-new-substance.json"), List.of(),
                Instant.now().plus(Duration.ofDays(30)), "en", "exercise"));
        String id = injectUpdate(alert, "KG");

        JsonNode entry = assertQuarantinedAndAudited(id, "FOREIGN_REFERENCE");
        assertThat(entry.path("detail").asText()).contains("alert " + alert + " was sent by KG");
        assertRejectedReceiptAtSender(id, "FOREIGN_REFERENCE");
        assertStillDelivered();
    }

    @Test
    void updateOfAnAlertThatNeverArrivesIsRejectedAfterItsDeliveries() {
        String missing = UUID.randomUUID().toString();
        String id = injectUpdate(missing, "KG");

        JsonNode entry = assertQuarantinedAndAudited(id, "UNKNOWN_REFERENCE");
        assertThat(entry.path("detail").asText()).contains("no alert " + missing + " has reached this node")
                .contains("still unknown after 3 deliveries");
        assertRejectedReceiptAtSender(id, "UNKNOWN_REFERENCE");
        assertStillDelivered();
    }

    @Test
    void updateThatOvertakesItsAlertWaitsAndIsDeliveredOnceTheAlertIsIn() {
        NodeRuntime tajikistan = region.node("TJ");
        long opened = tajikistan.services().metrics().openTimer().count();
        ObjectNode alertHeader = alertHeader("TJ");
        String alert = alertHeader.get("messageId").asText();
        String update = injectUpdate(alert, "TJ");
        // Opened, rolled back and opened again: the update is waiting, not stored and not quarantined.
        await().atMost(Duration.ofSeconds(20)).until(() ->
                tajikistan.services().metrics().openTimer().count() >= opened + 2);
        assertThat(inboxIds("TJ")).doesNotContain(update);
        assertThat(tajikistan.services().api().quarantine("200")).doesNotContain(update);

        kazakhstan.deliver(kazakhstan.seal(alertHeader, Documents.example(
                "valid/early-warning/1-0-0/caricc-metonitazene-new-substance.json"), "TJ"), alert, "TJ");

        await().atMost(Duration.ofSeconds(40)).until(() -> inboxIds("TJ").containsAll(List.of(alert, update)));
        assertThat(tajikistan.services().api().quarantine("200")).doesNotContain(update);
    }

    /** An early-warning update from KZ of the given alert, to the given receiver. */
    private static String injectUpdate(String alert, String receiver) {
        ObjectNode document = Documents.example("valid/early-warning/1-0-0/kz-cannabinoids-postal-route-update.json")
                .deepCopy();
        ((ObjectNode) document.get("references").get(0)).put("messageId", alert);
        ObjectNode header = alertHeader(receiver);
        header.putArray("references").addObject().put("messageId", alert).put("relation", "updates");
        String id = header.get("messageId").asText();
        kazakhstan.deliver(kazakhstan.seal(header, document, receiver), id, receiver);
        return id;
    }

    private static ObjectNode alertHeader(String receiver) {
        ObjectNode header = kazakhstan.header(receiver, Instant.now().plus(Duration.ofDays(30)));
        return header.put("kind", "early-warning").put("handling", "GREEN");
    }

    private static JsonNode seizure() {
        return Documents.example("valid/seizure-notice/1-0-0/tj-diazepam-nizhniy-pyanj.json");
    }

    private static List<String> inboxIds(String node) {
        return Documents.inboxIds(region.node(node).services().api().inbox(null, null, null, "500"));
    }

    private static JsonNode assertQuarantinedAndAudited(String messageId, String reason) {
        JsonNode entry = QuarantineProbe.awaitEntry(region, "KG", messageId, reason, "KZ", Duration.ofSeconds(40));
        assertThat(region.node("KG").services().audit().entriesAfter(0, 100_000)).filteredOn(
                e -> e.messageId().equals(messageId)).extracting(AuditEntry::decision)
                .containsExactly(Decision.REJECTED);
        assertThat(inboxIds("KG")).doesNotContain(messageId);
        return entry;
    }

    private static void assertRejectedReceiptAtSender(String messageId, String reason) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            boolean found = false;
            for (JsonNode receipt : JSON.readTree(region.node("KZ").services().api().inbox("receipt", null, null,
                    "500"))) {
                JsonNode document = receipt.get("document");
                found |= messageId.equals(document.path("receiptFor").asText())
                        && "rejected".equals(document.path("outcome").asText())
                        && reason.equals(document.path("reasonCode").asText());
            }
            assertThat(found).as("rejected receipt for " + messageId + " with " + reason).isTrue();
        });
    }

    private static void assertStillDelivered() {
        NodeRuntime sender = region.node("KZ");
        String next = sender.submit(Documents.seizureNotice(List.of("KG")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sender.services().api().status(next)).contains("\"status\":\"delivered\""));
    }
}
