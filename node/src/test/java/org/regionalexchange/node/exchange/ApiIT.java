package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.broker.BrokerAddresses;

/** The REST API of a running node, over real HTTPS, signed in as a focal point or an auditor. */
class ApiIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    static LocalRegion region;

    @BeforeAll
    static void startRegion() {
        region = new LocalRegion(folder, List.of("KZ", "KG"), List.of(List.of("KZ", "KG")));
        region.start("KZ");
        region.start("KG");
    }

    @AfterAll
    static void stopRegion() {
        region.close();
    }

    @Test
    void invalidDocumentIsRefusedWithEveryViolationAndNothingIsStored() throws Exception {
        ObjectNode document = Documents.example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json").deepCopy();
        ((ObjectNode) document.get("items").get(0).get("quantity")).put("unit", "grams");
        document.put("countryOfSeizure", "Kyrgyzstan");
        ObjectNode body = JSON.createObjectNode().put("kind", "seizure-notice").put("handling", "TLP:AMBER");
        body.putArray("recipients").add("KG");
        body.set("document", document);
        String auditBefore = region.node("KZ").services().api().audit();

        ApiClient.Response response = post(body);

        assertThat(response.status()).isEqualTo(400);
        JsonNode violations = JSON.readTree(response.body()).get("violations");
        assertThat(violations).extracting(v -> v.get("pointer").asText()).contains(
                "/document/items/0/quantity/unit", "/document/countryOfSeizure", "/handling");
        assertThat(region.node("KZ").services().api().audit()).isEqualTo(auditBefore);
        assertThat(region.node("KZ").broker().depth(BrokerAddresses.outbox("KG"))).isZero();
    }

    @Test
    void unknownRecipientAndMissingDocumentAreNamed() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("kind", "seizure-notice").put("handling", "AMBER");
        body.putArray("recipients").add("TM");
        ApiClient.Response response = post(body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("/recipients/0").contains("/document");
    }

    @Test
    void validSubmissionIsAcceptedAndItsStatusCanBeFollowed() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("kind", "seizure-notice").put("handling", "AMBER");
        body.putArray("recipients").add("KG");
        body.set("document", Documents.example("valid/seizure-notice/1-0-0/tj-diazepam-nizhniy-pyanj.json"));

        ApiClient.Response response = post(body);

        assertThat(response.status()).isEqualTo(202);
        String messageId = JSON.readTree(response.body()).get("messageId").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/v1/messages/" + messageId).body()).contains("\"status\":\"delivered\""));
        assertThat(get("/api/v1/messages/00000000-0000-4000-8000-000000000000").status()).isEqualTo(404);
    }

    @Test
    void healthAndMetricsAnswer() throws Exception {
        // The link is UP once a heartbeat or a hand-over to KG went through, within a few seconds of the start.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/health").body()).contains("\"KG\":{\"state\":\"UP\""));
        ApiClient.Response health = get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"broker\":\"UP\"").contains("\"database\":\"UP\"")
                .contains("\"crl\":\"CURRENT\"").contains("\"outboxDepth\":");
        JsonNode certificates = JSON.readTree(health.body()).path("certificates");
        assertThat(certificates.fieldNames()).toIterable().containsExactly("tls", "signing", "encryption", "root");
        certificates.forEach(certificate -> {
            assertThat(certificate.path("expiry").asText()).isEqualTo("OK");
            assertThat(certificate.path("daysLeft").asLong()).isGreaterThan(30);
        });
        String metrics = get("/metrics").body();
        assertThat(metrics).contains("regional_exchange_queue_depth").contains("regional_exchange_seal")
                .contains("regional_exchange_link_state{peer=\"KG\",state=\"UP\"} 1.0")
                .contains("regional_exchange_link_state{peer=\"KG\",state=\"DOWN\"} 0.0")
                .contains("regional_exchange_outbox_oldest_waiting_seconds{peer=\"KG\"}")
                .contains("regional_exchange_certificate_expiry_seconds{certificate=\"signing\"}");
    }

    @Test
    void submitToReceiptLatencyIsPublishedPerPeerAndKind() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("kind", "seizure-notice").put("handling", "AMBER");
        body.putArray("recipients").add("KG");
        body.set("document", Documents.example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json"));
        String messageId = JSON.readTree(post(body).body()).get("messageId").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/v1/messages/" + messageId).body()).contains("\"status\":\"delivered\""));

        List<String> series = get("/metrics").body().lines()
                .filter(line -> line.startsWith("regional_exchange_receipt_latency_seconds")
                        && line.contains("kind=\"seizure-notice\"") && line.contains("outcome=\"delivered\"")
                        && line.contains("peer=\"KG\""))
                .toList();
        double count = total(series, "regional_exchange_receipt_latency_seconds_count");
        double sum = total(series, "regional_exchange_receipt_latency_seconds_sum");
        assertThat(count).isGreaterThanOrEqualTo(1);
        assertThat(sum).isPositive().isLessThan(30 * count);
        assertThat(series).anyMatch(line -> line.startsWith("regional_exchange_receipt_latency_seconds_bucket"));
    }

    private static double total(List<String> series, String name) {
        return series.stream().filter(line -> line.startsWith(name))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static ApiClient.Response post(JsonNode body) throws Exception {
        return region.client("KZ", Role.FOCAL_POINT).post("api/v1/messages", body.toString());
    }

    private static ApiClient.Response get(String path) throws Exception {
        return region.client("KZ", Role.AUDITOR).get(path.substring(1));
    }
}
