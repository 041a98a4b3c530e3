package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.crypto.RawSealer;
import org.regionalexchange.node.outbox.InvalidSubmissionException;
import org.regionalexchange.node.outbox.Submission;

/**
 * Input that two JSON readers could read apart, or too big to take, between KZ and KG (which takes messages of at
 * most 256 KiB): a duplicate key is quarantined as MALFORMED with what and where; an oversized message is refused
 * by KG's broker before the node reads it, and KZ's status names the refusal; KZ refuses to seal what exceeds its
 * own limit. Valid traffic flows after each.
 */
class HostileInputIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    static LocalRegion region;
    static Injector kazakhstan;

    @BeforeAll
    static void startRegion() {
        region = new LocalRegion(folder, List.of("KZ", "KG"), List.of(List.of("KZ", "KG")));
        region.set("KG", "node.limits.message-bytes", "262144");
        region.start("KZ");
        region.start("KG");
        kazakhstan = new Injector(region, "KZ");
    }

    @AfterAll
    static void stopRegion() {
        region.close();
    }

    @Test
    void duplicateKeyInTheSignedDocumentIsQuarantinedAsMalformedNamingTheKeyAndWhere() {
        ObjectNode header = kazakhstan.header("KG", null);
        String content = RawSealer.content(header, validDocument())
                .replace("\"value\":3.332", "\"value\":3.332,\"value\":3332");
        assertThat(content).contains("\"value\":3332");
        String id = header.get("messageId").asText();
        kazakhstan.deliver(kazakhstan.sealRaw(header, content, "KG"), id, "KG");

        JsonNode entry = assertQuarantined(id, "MALFORMED");
        assertThat(entry.get("detail").asText())
                .contains("the signed content: duplicate key \"value\" at /document/items/0/quantity");
        assertValidTrafficFlows();
    }

    @Test
    void duplicateKeyInTheClearHeaderIsQuarantinedAsMalformed() {
        ObjectNode header = kazakhstan.header("KG", null);
        String id = header.get("messageId").asText();
        String wire = new String(kazakhstan.seal(header, validDocument(), "KG"), StandardCharsets.UTF_8)
                .replace("\"header\":{", "\"header\":{\"handling\":\"RED\",");
        kazakhstan.deliver(wire.getBytes(StandardCharsets.UTF_8), id, "KG");

        JsonNode entry = assertQuarantined(id, "MALFORMED");
        assertThat(entry.get("detail").asText()).contains("the envelope: duplicate key \"handling\" at /header");
    }

    @Test
    void oversizedMessageIsRefusedByTheReceiversBrokerAndNeverReachesTheNode() {
        ObjectNode header = kazakhstan.header("KG", null);
        String id = header.get("messageId").asText();
        byte[] big = new byte[300_000];
        assertThatThrownBy(() -> kazakhstan.deliver(big, id, "KG"))
                .hasMessageContaining("exceeds node.limits.message-bytes 262144");
        assertThat(region.node("KG").broker().depth(BrokerAddresses.inbox("KZ"))).isZero();
        assertThat(region.node("KG").services().api().quarantine("200")).doesNotContain(id);
        assertValidTrafficFlows();
    }

    @Test
    void messageTheNextHopRefusesAsTooLargeShowsTheRefusalInItsStatus() {
        String id = region.node("KZ").submit(withRemarks(100));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(region.node("KZ").services().api().status(id))
                        .contains("did not take it: refused: message of")
                        .contains("exceeds node.limits.message-bytes 262144 of KG"));
    }

    @Test
    void documentTooLargeToSealWithinTheNodesOwnLimitIsRefusedAtSubmission() {
        assertThatThrownBy(() -> region.node("KZ").submit(withRemarks(250)))
                .hasRootCauseInstanceOf(InvalidSubmissionException.class)
                .rootCause().hasMessageContaining("exceeds node.limits.message-bytes 1048576")
                .hasMessageContaining("/document");
    }

    /** A schema-valid seizure notice whose remarks hold 4000 characters in each of {@code languages} languages. */
    private static Submission withRemarks(int languages) {
        ObjectNode document = validDocument().deepCopy();
        ObjectNode remarks = document.putObject("remarks");
        remarks.put("en", "x".repeat(4000));
        for (int i = 0; remarks.size() < languages; i++) {
            remarks.put("" + (char) ('a' + i / 26) + (char) ('a' + i % 26), "x".repeat(4000));
        }
        return new Submission("seizure-notice", List.of("KG"), "AMBER", document, List.of(), null, "en", "exercise");
    }

    private static void assertValidTrafficFlows() {
        String next = region.node("KZ").submit(Documents.seizureNotice(List.of("KG")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(region.node("KZ").services().api().status(next)).contains("\"status\":\"delivered\""));
    }

    private static JsonNode validDocument() {
        return Documents.example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json");
    }

    private static JsonNode assertQuarantined(String messageId, String reason) {
        return QuarantineProbe.awaitEntry(region, "KG", messageId, reason, "KZ", Duration.ofSeconds(20));
    }
}
