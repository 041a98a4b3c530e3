package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.app.wiring.NodeRuntime;
import org.regionalexchange.node.outbox.Submission;

/**
 * CARICC's picture of a small region over real nodes: KG reports 3.332 kg of alpha-PVP in Bishkek and corrects it to
 * 3.301 kg, KZ sends its 2019 national total (aggregated) and Government Resolution 22 of 2024, all REGIONAL; CARICC's
 * analyst reads the seizure figures and the control-gap report, KG its own view.
 */
class RegionalPictureIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    static LocalRegion region;

    @BeforeAll
    static void startRegion() throws Exception {
        region = new LocalRegion(folder, List.of("CARICC", "KZ", "KG"), List.of(List.of("KZ", "KG")));
        // The alerts here are KZ's own; CARICC's first-sighting alerts are FirstSightingIT's.
        region.set("CARICC", "node.picture.first-sighting", "false");
        List.of("CARICC", "KZ", "KG").forEach(region::start);
        NodeRuntime kyrgyzstan = region.node("KG");
        NodeRuntime kazakhstan = region.node("KZ");
        String original = send(kyrgyzstan, "seizure-notice", "kg-alpha-pvp-bishkek.json", null);
        ObjectNode correction = example("seizure-notice", "kg-alpha-pvp-bishkek-correction.json");
        ((ObjectNode) correction.get("corrects")).put("messageId", original);
        ((ObjectNode) correction.get("items").get(0).get("quantity")).put("value", 3.301);
        send(kyrgyzstan, "seizure-notice", null, correction);
        send(kazakhstan, "seizure-notice", "kz-2019-annual-nps.json", null);
        send(kazakhstan, "list-entry", "kz-resolution-22-2024.json", null);
    }

    @AfterAll
    static void stopRegion() {
        region.close();
    }

    @Test
    void singleSeizuresCountTheLatestCorrectionAndAggregatesStayApart() throws Exception {
        JsonNode figures = JSON.readTree(get("CARICC", "api/v1/picture/seizures?groupBy=substance").body());

        JsonNode single = find(figures, "single", "alphapvp", "g");
        assertThat(single.path("total").asDouble()).isEqualTo(3301.0);
        assertThat(single.path("notices").asInt()).isEqualTo(1);
        JsonNode aggregated = find(figures, "aggregated", "alphapvp", "g");
        assertThat(aggregated.path("total").asDouble()).isEqualTo(3700.0);

        String csv = get("CARICC", "api/v1/picture/seizures?groupBy=country&from=2024-01-01&format=csv").body();
        assertThat(csv.lines().toList()).hasSize(2).first()
                .isEqualTo("reportType,key,label,measure,notices,total,messageIds");
        assertThat(csv.lines().toList().get(1)).startsWith("single,KG,KG,g,1,3301,");
    }

    @Test
    void theControlGapReportNamesWhoControlsResolution22sSubstancesAndWhoDoesNot() throws Exception {
        JsonNode gaps = JSON.readTree(get("CARICC",
                "api/v1/picture/control-gaps?substance=metonitazene,clonazolam,heroin").body());

        assertThat(gaps).hasSize(3);
        assertThat(gaps.get(0).path("controlledBy").path("KZ").path("table").asText()).isEqualTo("I");
        assertThat(gaps.get(0).path("controlledBy").path("KZ").path("since").asText()).isEqualTo("2024-02-06");
        assertThat(gaps.get(0).path("notControlledBy").toString()).isEqualTo("[\"KG\"]");
        assertThat(gaps.get(1).path("controlledBy").path("KZ").path("table").asText()).isEqualTo("III");
        assertThat(gaps.get(2).path("controlledBy").size()).isZero();

        String csv = get("CARICC", "api/v1/picture/control-gaps?substance=metonitazene&format=csv").body();
        assertThat(csv).isEqualTo("substance,KZ,KG,notControlledBy\nmetonitazene,I since 2024-02-06,-,KG\n");
    }

    @Test
    void kyrgyzstansOwnViewShowsWhatItsNeighbourControlsAndItDoesNot() throws Exception {
        JsonNode mine = JSON.readTree(get("KG", "api/v1/picture/control-gaps?missingFor=KG").body());

        assertThat(mine).hasSize(9);
        mine.forEach(gap -> assertThat(gap.path("controlledBy").has("KZ")).isTrue());
    }

    @Test
    void aBadParameterIsAProblemNamingIt() throws Exception {
        ApiClient.Response response = get("CARICC", "api/v1/picture/seizures?groupBy=colour");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("groupBy 'colour' is not one of substance, group, country, month");
        assertThat(get("CARICC", "api/v1/picture/control-gaps?missingFor=XX").body())
                .contains("'XX' is not one of the members");
    }

    @Test
    void anAlertIsShownAtItsLatestUpdateAndLeavesTheActiveViewWhenCancelled() throws Exception {
        NodeRuntime kazakhstan = region.node("KZ");
        Instant expires = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        String alert = send(kazakhstan, warning("caricc-metonitazene-new-substance.json", null, null), expires);
        String update = send(kazakhstan, warning("kz-cannabinoids-postal-route-update.json", alert, "updates"),
                expires);

        JsonNode active = JSON.readTree(get("KG", "api/v1/picture/alerts").body());
        assertThat(active).hasSize(1);
        assertThat(active.get(0).path("alertId").asText()).isEqualTo(alert);
        assertThat(active.get(0).path("currentId").asText()).isEqualTo(update);
        assertThat(active.get(0).path("versions").asInt()).isEqualTo(2);
        assertThat(active.get(0).path("current").path("msgType").asText()).isEqualTo("update");

        String cancel = send(kazakhstan, warning("uz-tesla-tablets-cancel.json", alert, "cancels"), expires);
        assertThat(JSON.readTree(get("KG", "api/v1/picture/alerts").body())).isEmpty();
        JsonNode all = JSON.readTree(get("KG", "api/v1/picture/alerts?include=all").body());
        assertThat(all.get(0).path("state").asText()).isEqualTo("CANCELLED");
        assertThat(all.get(0).path("cancelledBy").asText()).isEqualTo(cancel);
    }

    /** A 1-1-0 early-warning example, referring to an earlier alert when given. */
    private static Submission warning(String file, String refersTo, String relation) {
        ObjectNode document = example("early-warning", file);
        List<JsonNode> references = List.of();
        if (refersTo != null) {
            document.putArray("references").addObject().put("messageId", refersTo).put("relation", relation);
            references = List.of(JSON.createObjectNode().put("messageId", refersTo).put("relation", relation));
        }
        return new Submission("early-warning", List.of("REGIONAL"), "GREEN", document, references, null, "en",
                "exercise");
    }

    private static String send(NodeRuntime sender, Submission submission, Instant expiresAt) {
        Submission expiring = new Submission(submission.kind(), submission.recipients(), submission.handling(),
                submission.document(), submission.references(), expiresAt, submission.language(),
                submission.status());
        String id = sender.submit(expiring);
        awaitDelivered(sender, id);
        return id;
    }

    private static ApiClient.Response get(String node, String path) throws Exception {
        return region.client(node, Role.ANALYST).get(path);
    }

    private static JsonNode find(JsonNode figures, String reportType, String key, String measure) {
        for (JsonNode figure : figures) {
            if (figure.path("reportType").asText().equals(reportType) && figure.path("key").asText().equals(key)
                    && figure.path("measure").asText().equals(measure)) {
                return figure;
            }
        }
        throw new AssertionError("no " + reportType + "/" + key + "/" + measure + " in " + figures);
    }

    private static ObjectNode example(String kind, String file) {
        return Documents.example("valid/" + kind + "/1-1-0/" + file).deepCopy();
    }

    /** Sends an example (or the given document) REGIONAL and waits until every member has receipted it. */
    private static String send(NodeRuntime sender, String kind, String file, ObjectNode document) {
        String id = sender.submit(new Submission(kind, List.of("REGIONAL"), "GREEN",
                document != null ? document : example(kind, file), List.of(), null, "en", "exercise"));
        awaitDelivered(sender, id);
        return id;
    }

    private static void awaitDelivered(NodeRuntime sender, String id) {
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(sender.services().api().status(id))
                .contains("\"status\":\"delivered\"").doesNotContain("queued").doesNotContain("forwarded")
                .doesNotContain("rejected"));
    }
}
