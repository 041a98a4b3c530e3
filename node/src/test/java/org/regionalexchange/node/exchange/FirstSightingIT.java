package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.app.wiring.NodeRuntime;
import org.regionalexchange.node.outbox.Submission;

/**
 * CARICC's first-sighting alert over real nodes: a seizure notice of a substance new to the region, sent by KZ to
 * CARICC alone, reaches KG as CARICC's signed early-warning referencing the notice; a synonym, a seeded substance, a
 * restart and a notice marked AMBER+STRICT send nothing more. Each test names substances of its own, and ends its
 * sends with a new substance as a marker: the rule takes notices in order, so once the marker's sighting is
 * recorded, every notice before it has been judged.
 */
class FirstSightingIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    static LocalRegion region;

    @BeforeAll
    static void startRegion() throws Exception {
        region = new LocalRegion(folder, List.of("CARICC", "KZ", "KG"), List.of());
        Path seed = folder.resolve("known-substances.json");
        Files.writeString(seed, "[{\"preferredName\": \"alpha-PVP\", \"synonyms\": [\"α-PVP\"]}]");
        region.set("CARICC", "node.picture.known-substances", seed.toString());
        List.of("CARICC", "KZ", "KG").forEach(region::start);
    }

    @AfterAll
    static void stopRegion() {
        region.close();
    }

    @Test
    void aNoticeOfANewSubstanceReachesEveryMemberAsCariccsSignedAlert() throws Exception {
        String notice = send("KZ", "GREEN", "clonazolam", "8-chloro-6-(2-chlorophenyl)-1-methyl-4H-"
                + "[1,2,4]triazolo[4,3-a][1,4]benzodiazepine");

        JsonNode sighting = awaitSighting("clonazolam");
        assertThat(sighting.path("outcome").asText()).isEqualTo("ALERTED");
        assertThat(sighting.path("messageId").asText()).isEqualTo(notice);
        assertThat(sighting.path("sender").asText()).isEqualTo("KZ");
        String alertId = sighting.path("alertId").asText();
        awaitDelivered(region.node("CARICC"), alertId);
        assertThat(region.node("CARICC").services().api().status(alertId)).contains("\"KZ\"", "\"KG\"");

        JsonNode alerts = JSON.readTree(region.client("KG", Role.ANALYST).get("api/v1/picture/alerts").body());
        JsonNode alert = find(alerts, alertId);
        assertThat(alert.path("sender").asText()).isEqualTo("CARICC");
        assertThat(alert.path("current").path("alertType").asText()).isEqualTo("newSubstance");
        assertThat(alert.path("current").path("headline").path("en").asText())
                .isEqualTo("First sighting in the region: clonazolam");
        assertThat(alert.path("current").path("evidence").path("seizureMessageIds").toString())
                .isEqualTo("[\"" + notice + "\"]");
        assertThat(alert.path("current").path("firstDetection").path("country").asText()).isEqualTo("KZ");
        JsonNode stored = JSON.readTree(region.node("KG").services().received().find(alertId).orElseThrow()
                .headerJson());
        assertThat(stored.path("references").get(0).path("messageId").asText()).isEqualTo(notice);
        assertThat(stored.path("references").get(0).path("relation").asText()).isEqualTo("relatesTo");
    }

    @Test
    void aSynonymASeededSubstanceAndACopyOfTheSameNoticeSendNothingMore() throws Exception {
        send("KZ", "GREEN", "eutylone", "bk-EBDB");
        awaitSighting("eutylone");

        send("KG", "GREEN", "bk-EBDB");
        send("KG", "GREEN", "Eutylone");
        send("KG", "GREEN", "α-PVP");
        send("KG", "GREEN", "diclazepam");
        awaitSighting("diclazepam");

        List<String> seen = substances(sightings());
        assertThat(seen).containsOnlyOnce("eutylone", "diclazepam");
        assertThat(seen).doesNotContain("bk-EBDB", "Eutylone", "α-PVP");
    }

    @Test
    void whatCariccHasSeenOutlivesItsRestart() throws Exception {
        send("KZ", "GREEN", "flubromazolam");
        JsonNode first = awaitSighting("flubromazolam");

        region.stop("CARICC");
        region.start("CARICC");
        send("KG", "GREEN", "flubromazolam");
        send("KG", "GREEN", "3-MeO-PCP");
        awaitSighting("3-MeO-PCP");

        assertThat(substances(sightings())).containsOnlyOnce("flubromazolam");
        assertThat(find(sightings(), "flubromazolam").path("alertId").asText())
                .isEqualTo(first.path("alertId").asText());
    }

    @Test
    void aNoticeMarkedAmberStrictIsHeldForTheAnalystWithTheReason() throws Exception {
        send("KG", "AMBER+STRICT", "brorphine");

        JsonNode held = awaitSighting("brorphine");
        assertThat(held.path("outcome").asText()).isEqualTo("HELD");
        assertThat(held.path("alertId").isNull() || held.path("alertId").isMissingNode()).isTrue();
        assertThat(held.path("note").asText()).contains("TLP:AMBER+STRICT", "analyst");
        String csv = region.client("CARICC", Role.ANALYST).get("api/v1/picture/first-sightings?format=csv").body();
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("substance,key,status,outcome,sourceKind,"
                + "messageId,sender,handling,seenAt,alertId,note");
        assertThat(csv).contains("brorphine,brorphine,actual,HELD,seizure-notice,");
    }

    /** A seizure notice from the node to CARICC alone, naming the substance (and synonyms); waits for its receipt. */
    private static String send(String sender, String handling, String substance, String... synonyms) {
        ObjectNode document = Documents.example("valid/seizure-notice/1-1-0/kg-alpha-pvp-bishkek.json").deepCopy();
        document.put("countryOfSeizure", sender);
        ((ObjectNode) document.get("location")).put("country", sender).remove("subdivision");
        ObjectNode named = JSON.createObjectNode().put("preferredName", substance);
        if (synonyms.length > 0) {
            var array = named.putArray("synonyms");
            for (String synonym : synonyms) {
                array.add(synonym);
            }
        }
        ((ObjectNode) document.get("items").get(0)).set("substance", named);
        NodeRuntime node = region.node(sender);
        String id = node.submit(new Submission("seizure-notice", List.of("CARICC"), handling, document, List.of(),
                null, "en", "actual"));
        awaitDelivered(node, id);
        return id;
    }

    private static JsonNode awaitSighting(String substance) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode sighting : sightings()) {
                if (sighting.path("substance").asText().equals(substance)) {
                    return sighting;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    private static JsonNode sightings() throws Exception {
        return JSON.readTree(region.client("CARICC", Role.ANALYST).get("api/v1/picture/first-sightings").body());
    }

    private static List<String> substances(JsonNode sightings) {
        List<String> names = new ArrayList<>();
        sightings.forEach(s -> names.add(s.path("substance").asText()));
        return names;
    }

    private static JsonNode find(JsonNode list, String idOrSubstance) {
        for (JsonNode item : list) {
            if (item.path("alertId").asText().equals(idOrSubstance)
                    || item.path("substance").asText().equals(idOrSubstance)) {
                return item;
            }
        }
        throw new AssertionError("no " + idOrSubstance + " in " + list);
    }

    private static void awaitDelivered(NodeRuntime sender, String id) {
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(sender.services().api().status(id))
                .contains("\"status\":\"delivered\"").doesNotContain("queued").doesNotContain("forwarded")
                .doesNotContain("rejected"));
    }
}
