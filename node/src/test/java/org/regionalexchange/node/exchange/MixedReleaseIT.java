package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.app.wiring.NodeRuntime;
import org.regionalexchange.node.outbox.InvalidSubmissionException;
import org.regionalexchange.node.outbox.Submission;

/**
 * A region on mixed releases (schemas/README.md, "Versions and a region on mixed releases"): KZ and CARICC carry the
 * 1-1-0 schemas, KG is pinned to 1-0-0 ({@code node.schemas.highest}), as a member that has not upgraded yet. KZ-KG is
 * a direct link. Nothing is quarantined for a version reason the rules say must pass; what KG truly cannot read is
 * refused at KZ's submission, naming KG, and an unknown MODEL is rejected with its own reason code.
 */
class MixedReleaseIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    static LocalRegion region;
    static NodeRuntime kazakhstan;
    static NodeRuntime kyrgyzstan;
    static NodeRuntime caricc;

    @BeforeAll
    static void startRegion() {
        region = new LocalRegion(folder, List.of("CARICC", "KZ", "KG"), List.of(List.of("KZ", "KG")));
        region.set("KG", "node.schemas.highest", "1-0-0");
        List.of("CARICC", "KZ", "KG").forEach(region::start);
        kazakhstan = region.node("KZ");
        kyrgyzstan = region.node("KG");
        caricc = region.node("CARICC");
        // CARICC and KZ hear from each other once, so each has the other's declaration from a receipt.
        awaitDelivered(kazakhstan, kazakhstan.submit(notice(plainNotice(), "CARICC")));
        awaitDelivered(caricc, caricc.submit(notice(plainNotice(), "KZ")));
    }

    @AfterAll
    static void stopRegion() {
        region.close();
    }

    @Test
    void eachNodeDeclaresTheVersionsItAccepts() {
        assertThat(health(kazakhstan).path("schemas").path("seizure-notice").toString())
                .isEqualTo("[\"1-0-0\",\"1-1-0\"]");
        assertThat(health(kyrgyzstan).path("schemas").path("seizure-notice").toString()).isEqualTo("[\"1-0-0\"]");
        assertThat(health(kyrgyzstan).path("schemas").path("receipt").toString()).isEqualTo("[\"1-0-0\"]");
    }

    @Test
    void aNoticeThatUsesNothingNewIsLabelledTheOldVersionAndReadExactly() {
        String id = kazakhstan.submit(notice(plainNotice(), "KG"));

        awaitDelivered(kazakhstan, id);
        assertThat(stored(kyrgyzstan, id).path("header").path("schemaVersion").asText()).isEqualTo("1-0-0");
    }

    @Test
    void aNoticeWithNewMembersReachesTheOlderNodeWhichKeepsWhatItDoesNotKnow() {
        ObjectNode document = plainNotice();
        document.put("reportType", "single");
        String id = kazakhstan.submit(notice(document, "KG"));

        awaitDelivered(kazakhstan, id);
        JsonNode stored = stored(kyrgyzstan, id);
        assertThat(stored.path("header").path("schemaVersion").asText()).isEqualTo("1-1-0");
        assertThat(stored.path("document").path("reportType").asText()).isEqualTo("single");
        assertThat(kyrgyzstan.services().api().quarantine("200")).doesNotContain(id);
    }

    @Test
    void theOlderNodeSendsToTheNewerOnesDirectlyAndThroughTheHub() {
        String id = kyrgyzstan.submit(notice(plainNotice(), "REGIONAL"));

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(kyrgyzstan.services().api().status(id))
                .contains("\"recipient\":\"KZ\"").contains("\"recipient\":\"CARICC\"")
                .doesNotContain("queued").doesNotContain("forwarded").doesNotContain("rejected"));
        assertThat(stored(kazakhstan, id).path("header").path("schemaVersion").asText()).isEqualTo("1-0-0");
    }

    @Test
    void whatTheOlderNodeCannotReadIsRefusedAtSubmissionNamingItAndNeverSent() {
        ObjectNode document = plainNotice();
        ((ObjectNode) document.get("items").get(0).get("quantity")).put("value", 250).put("unit", "ug");

        for (String recipients : List.of("KG", "REGIONAL")) {
            assertThatThrownBy(() -> kazakhstan.submit(notice(document, recipients)))
                    .hasRootCauseInstanceOf(InvalidSubmissionException.class)
                    .rootCause().hasMessageContaining("/document/items/0/quantity/unit")
                    .hasMessageContaining("KG reads seizure-notice as 1-0-0");
        }
        // CARICC declared 1-1-0 in its receipts, so the same notice goes to it.
        awaitDelivered(kazakhstan, kazakhstan.submit(notice(document, "CARICC")));
    }

    @Test
    void anUnknownModelIsRejectedWithItsOwnReasonNamingTheVersionsAccepted() throws Exception {
        String id = injectModel2("CARICC");

        JsonNode entry = QuarantineProbe.awaitEntry(region, "CARICC", id, "UNSUPPORTED_VERSION", "KZ",
                Duration.ofSeconds(40));
        assertThat(entry.path("detail").asText()).contains("it accepts seizure-notice 1-0-0, 1-1-0");
        JsonNode receipt = awaitReceipt(id);
        assertThat(receipt.path("reasonCode").asText()).isEqualTo("UNSUPPORTED_VERSION");
        assertThat(receipt.path("supports").path("seizure-notice").toString()).isEqualTo("[\"1-0-0\",\"1-1-0\"]");
    }

    @Test
    void anOlderNodeThatCannotSayUnsupportedVersionSaysSchemaInvalidWithTheSameDetail() throws Exception {
        String id = injectModel2("KG");

        QuarantineProbe.awaitEntry(region, "KG", id, "UNSUPPORTED_VERSION", "KZ", Duration.ofSeconds(40));
        JsonNode receipt = awaitReceipt(id);
        assertThat(receipt.path("reasonCode").asText()).isEqualTo("SCHEMA_INVALID");
        assertThat(receipt.path("detail").asText()).startsWith("UNSUPPORTED_VERSION: ")
                .contains("it accepts seizure-notice 1-0-0");
        assertThat(receipt.has("supports")).isFalse();
    }

    /** A notice labelled 2-0-0, a MODEL no node carries, from KZ straight into the receiver's inbox. */
    private static String injectModel2(String receiver) {
        Injector injector = new Injector(region, "KZ");
        ObjectNode header = injector.header(receiver, null).put("schemaVersion", "2-0-0");
        String id = header.get("messageId").asText();
        injector.deliver(injector.seal(header, plainNotice(), receiver), id, receiver);
        return id;
    }

    private static ObjectNode plainNotice() {
        return Documents.example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json").deepCopy();
    }

    private static Submission notice(JsonNode document, String recipients) {
        return new Submission("seizure-notice", List.of(recipients), "AMBER", document, List.of(), null, "en",
                "exercise");
    }

    private static void awaitDelivered(NodeRuntime sender, String id) {
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(sender.services().api().status(id)).contains("\"status\":\"delivered\"")
                        .doesNotContain("queued").doesNotContain("forwarded").doesNotContain("rejected"));
    }

    private static JsonNode health(NodeRuntime node) {
        try {
            return JSON.readTree(node.services().api().health(node.services().api().healthReport()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The stored message {header, document} as the receiver's inbox lists it. */
    private static JsonNode stored(NodeRuntime receiver, String id) throws RuntimeException {
        try {
            for (JsonNode entry : JSON.readTree(receiver.services().api().inbox(null, null, null, "500"))) {
                if (id.equals(entry.path("messageId").asText())) {
                    return entry;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError(id + " is not in the inbox of " + receiver.settings().nodeId());
    }

    private static JsonNode awaitReceipt(String id) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (JsonNode receipt : JSON.readTree(kazakhstan.services().api().inbox("receipt", null, null, "500"))) {
                if (id.equals(receipt.path("document").path("receiptFor").asText())) {
                    found[0] = receipt.get("document");
                }
            }
            assertThat(found[0]).as("a receipt for " + id + " at KZ").isNotNull();
        });
        return found[0];
    }
}
