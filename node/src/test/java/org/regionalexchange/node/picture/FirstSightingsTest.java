package org.regionalexchange.node.picture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.store.NodeDatabase;
import org.regionalexchange.node.store.SightedSubstances;
import org.regionalexchange.node.store.SightedSubstances.Outcome;
import org.regionalexchange.node.store.SightedSubstances.Sighting;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaCatalog;

/**
 * The first-sighting rule on CARICC over a real store: what fires, once, and what does not (a synonym, an InChIKey,
 * a restart, a held notice, a drill, a test, an alert, the seed list, a control list).
 */
class FirstSightingsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    /** Diazepam's Standard InChIKey. */
    static final String DIAZEPAM_KEY = "AAOVKJBEBIDNHE-UHFFFAOYSA-N";
    static final String NOTICE = "5f0c3a5e-8d1b-4c7a-9e2f-1b6d4a7c9e01";

    @TempDir
    Path folder;
    NodeDatabase database;
    FirstSightings rule;
    final List<Submission> sent = new ArrayList<>();
    final Function<Submission, String> submit = submission -> {
        sent.add(submission);
        return "alert-" + sent.size();
    };

    @BeforeEach
    void open() {
        database = NodeDatabase.open("jdbc:h2:file:" + folder.resolve("node").toAbsolutePath(), "node", new char[0]);
        rule = restarted();
    }

    @AfterEach
    void close() {
        database.close();
    }

    FirstSightings restarted() {
        return new FirstSightings("CARICC", new SightedSubstances(database), Clock.fixed(NOW, ZoneOffset.UTC),
                "AMBER", Duration.ofDays(90));
    }

    @Test
    void aNewSubstanceFiresOneAlertToTheRegionThatEveryVersionReads() {
        List<Sighting> firsts = rule.onMessage(header(NOTICE, "KZ", "GREEN", "actual"),
                notice("KZ", "2026-11-30", substance("clonazolam", "Clonazolam", "клоназолам")), submit);

        assertThat(sent).hasSize(1);
        Submission alert = sent.get(0);
        assertThat(alert.kind()).isEqualTo("early-warning");
        assertThat(alert.recipients()).containsExactly("REGIONAL");
        assertThat(alert.handling()).isEqualTo("GREEN");
        assertThat(alert.status()).isEqualTo("actual");
        assertThat(alert.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(90)));
        assertThat(alert.references()).singleElement().satisfies(reference -> {
            assertThat(reference.path("messageId").asText()).isEqualTo(NOTICE);
            assertThat(reference.path("relation").asText()).isEqualTo("relatesTo");
            assertThat(reference.path("sender").asText()).isEqualTo("KZ");
        });
        JsonNode document = alert.document();
        assertThat(document.path("alertType").asText()).isEqualTo("newSubstance");
        assertThat(document.at("/substances/0/preferredName").asText()).isEqualTo("clonazolam");
        assertThat(document.at("/substances/0/synonyms/0").isTextual()).isTrue();
        assertThat(document.at("/firstDetection/country").asText()).isEqualTo("KZ");
        assertThat(document.at("/firstDetection/date").asText()).isEqualTo("2026-11-30");
        assertThat(document.at("/evidence/seizureMessageIds/0").asText()).isEqualTo(NOTICE);
        assertThat(document.at("/evidence/labConfirmed").asBoolean()).isTrue();
        assertThat(document.at("/certainty").asText()).isEqualTo("Observed");
        SchemaCatalog catalog = SchemaCatalog.load();
        assertThat(catalog.validateDocument(MessageKind.EARLY_WARNING, "1-0-0", document)).isEmpty();
        assertThat(catalog.validateDocument(MessageKind.EARLY_WARNING, "1-1-0", document)).isEmpty();

        assertThat(firsts).singleElement().satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.ALERTED);
            assertThat(s.alertId()).isEqualTo("alert-1");
            assertThat(s.messageId()).isEqualTo(NOTICE);
            assertThat(s.substance()).isEqualTo("clonazolam");
        });
    }

    @Test
    void aKnownSubstanceUnderASynonymAnotherCaseOrItsInchiKeyFiresNothing() {
        ObjectNode diazepam = substance("diazepam", "Valium");
        diazepam.put("inchiKey", DIAZEPAM_KEY);
        rule.onMessage(header("n1", "TJ", "GREEN", "actual"), notice("TJ", "2026-11-01", diazepam), submit);

        rule.onMessage(header("n2", "UZ", "GREEN", "actual"), notice("UZ", "2026-11-02", substance("valium")),
                submit);
        rule.onMessage(header("n3", "KG", "GREEN", "actual"), notice("KG", "2026-11-03", substance("DIAZEPAM")),
                submit);
        ObjectNode byKey = substance("7-chloro-1-methyl-5-phenyl-1,3-dihydro-2H-1,4-benzodiazepin-2-one");
        byKey.put("inchiKey", DIAZEPAM_KEY);
        rule.onMessage(header("n4", "KZ", "GREEN", "actual"), notice("KZ", "2026-11-04", byKey), submit);

        assertThat(sent).hasSize(1);
        assertThat(rule.sightings()).singleElement().extracting(Sighting::messageId).isEqualTo("n1");
    }

    @Test
    void whatWasSeenOutlivesARestartIncludingSynonymsLearnedLater() {
        rule.onMessage(header("n1", "KZ", "GREEN", "actual"), notice("KZ", "2026-11-01", substance("eutylone")),
                submit);
        // A later notice of the known substance teaches a synonym.
        rule.onMessage(header("n2", "KG", "GREEN", "actual"), notice("KG", "2026-11-02",
                substance("eutylone", "bk-EBDB")), submit);

        FirstSightings afterRestart = restarted();
        afterRestart.onMessage(header("n3", "UZ", "GREEN", "actual"), notice("UZ", "2026-11-03",
                substance("bk-EBDB")), submit);
        afterRestart.onMessage(header("n1", "KZ", "GREEN", "actual"), notice("KZ", "2026-11-01",
                substance("eutylone")), submit);

        assertThat(sent).hasSize(1);
    }

    @Test
    void aNoticeMarkedAboveAmberIsHeldForAnAnalystAndStillMakesTheSubstanceSeen() {
        List<Sighting> firsts = rule.onMessage(header("n1", "UZ", "AMBER+STRICT", "actual"),
                notice("UZ", "2026-11-01", substance("brorphine")), submit);
        rule.onMessage(header("n2", "KZ", "GREEN", "actual"), notice("KZ", "2026-11-02", substance("brorphine")),
                submit);
        rule.onMessage(header("n3", "KG", "RED", "actual"), notice("KG", "2026-11-03", substance("flubromazolam")),
                submit);

        assertThat(sent).isEmpty();
        assertThat(firsts).singleElement().satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.HELD);
            assertThat(s.note()).contains("TLP:AMBER+STRICT", "analyst");
        });
        assertThat(rule.sightings()).extracting(Sighting::outcome).containsExactly(Outcome.HELD, Outcome.HELD);
    }

    @Test
    void anAmberNoticeAlertsUnderAmber() {
        rule.onMessage(header("n1", "KZ", "AMBER", "actual"), notice("KZ", "2026-11-01", substance("diclazepam")),
                submit);

        assertThat(sent).singleElement().extracting(Submission::handling).isEqualTo("AMBER");
    }

    @Test
    void drillsAreKeptApartFromRealSightingsAndTestsAreIgnored() {
        rule.onMessage(header("x1", "KZ", "GREEN", "exercise"), notice("KZ", "2026-11-01", substance("3-MeO-PCP")),
                submit);
        rule.onMessage(header("t1", "KZ", "GREEN", "test"), notice("KZ", "2026-11-01", substance("isotonitazene")),
                submit);
        rule.onMessage(header("a1", "KZ", "GREEN", "actual"), notice("KZ", "2026-11-02", substance("3-MeO-PCP")),
                submit);
        rule.onMessage(header("x2", "KG", "GREEN", "exercise"), notice("KG", "2026-11-03", substance("3-MeO-PCP")),
                submit);

        assertThat(sent).extracting(Submission::status).containsExactly("exercise", "actual");
        assertThat(rule.sightings()).extracting(Sighting::messageId).containsExactlyInAnyOrder("x1", "a1");
    }

    @Test
    void aSubstanceFirstNamedByAnAlertOrTheSeedListIsKnownButAControlListDoesNotCount() {
        ObjectNode alertHeader = header("w1", "KZ", "GREEN", "actual").put("kind", "early-warning");
        ObjectNode alert = JSON.createObjectNode().put("msgType", "alert").put("alertType", "newSubstance");
        alert.putArray("substances").add(substance("metonitazene", "метонитазен"));
        rule.onMessage(alertHeader, alert, submit);
        assertThat(rule.seed(List.of(substance("alpha-PVP", "α-PVP")), "known.json")).isEqualTo(1);
        ObjectNode listHeader = header("l1", "KZ", "GREEN", "actual").put("kind", "list-entry");
        ObjectNode list = JSON.createObjectNode();
        list.putArray("entries").addObject().set("substance", substance("para-fluorofentanyl"));
        rule.onMessage(listHeader, list, submit);

        rule.onMessage(header("n1", "KG", "GREEN", "actual"), notice("KG", "2026-11-01", substance("метонитазен")),
                submit);
        rule.onMessage(header("n2", "KG", "GREEN", "actual"), notice("KG", "2026-11-02", substance("alpha-PVP")),
                submit);
        rule.onMessage(header("n3", "KG", "GREEN", "actual"), notice("KG", "2026-11-03",
                substance("para-fluorofentanyl")), submit);

        assertThat(sent).singleElement().satisfies(a -> assertThat(a.document().at("/substances/0/preferredName")
                .asText()).isEqualTo("para-fluorofentanyl"));
        assertThat(rule.sightings()).extracting(Sighting::sourceKind)
                .containsExactlyInAnyOrder("early-warning", "seed", "seed", "seizure-notice");
    }

    @Test
    void twoNewSubstancesInOneNoticeFireOneAlertEachAndARepeatedItemNone() {
        ObjectNode notice = notice("TJ", "2026-11-01", substance("clonazolam"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) notice.get("items")).add(item(substance("flubromazolam")))
                .add(item(substance("Clonazolam")));

        rule.onMessage(header("n1", "TJ", "GREEN", "actual"), notice, submit);

        assertThat(sent).extracting(s -> s.document().at("/substances/0/preferredName").asText())
                .containsExactly("clonazolam", "flubromazolam");
    }

    @Test
    void whenTheAlertCannotBeSubmittedNothingIsRecordedSoTheRedeliveredNoticeFiresAgain() {
        Function<Submission, String> failing = submission -> {
            throw new IllegalStateException("database unavailable");
        };
        ObjectNode header = header("n1", "KZ", "GREEN", "actual");
        ObjectNode notice = notice("KZ", "2026-11-01", substance("clonazolam"));

        assertThatThrownBy(() -> rule.onMessage(header, notice, failing)).hasMessageContaining("unavailable");
        rule.onMessage(header, notice, submit);

        assertThat(sent).hasSize(1);
        assertThat(rule.sightings()).singleElement().extracting(Sighting::alertId).isEqualTo("alert-1");
    }

    @Test
    void anAlertTheSubmitPathRefusesIsHeldForTheAnalystWithTheRefusal() {
        Function<Submission, String> refusing = submission -> {
            throw new org.regionalexchange.node.outbox.InvalidSubmissionException(List.of(
                    new org.regionalexchange.schemas.Violation("/area/countries/0", "UNREADABLE for KG")));
        };

        List<Sighting> firsts = rule.onMessage(header("n1", "KZ", "GREEN", "actual"), notice("KZ", "2026-11-01",
                substance("clonazolam")), refusing);
        rule.onMessage(header("n2", "KZ", "GREEN", "actual"), notice("KZ", "2026-11-02", substance("clonazolam")),
                submit);

        assertThat(sent).isEmpty();
        assertThat(firsts).singleElement().satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.HELD);
            assertThat(s.note()).contains("the automatic alert was refused", "UNREADABLE for KG", "analyst");
        });
    }

    @Test
    void aSynonymTooLongToKeepDoesNotStopTheSightingFromBeingRecorded() {
        rule.onMessage(header("n1", "KZ", "GREEN", "actual"), notice("KZ", "2026-11-01",
                substance("clonazolam", "x".repeat(600))), submit);

        restarted().onMessage(header("n2", "KG", "GREEN", "actual"), notice("KG", "2026-11-02",
                substance("clonazolam")), submit);

        assertThat(sent).hasSize(1);
        assertThat(rule.sightings()).singleElement().extracting(Sighting::outcome).isEqualTo(Outcome.ALERTED);
    }

    @Test
    void aSeedListThatIsNotAnArrayOfNamedSubstancesIsRefusedWithTheEntry() throws Exception {
        Path file = folder.resolve("known.json");
        Files.writeString(file, "[{\"preferredName\":\"alpha-PVP\"},{\"inchiKey\":\"" + DIAZEPAM_KEY + "\"}]");

        assertThatThrownBy(() -> FirstSightings.readSeed(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1 has no preferredName");
        Files.writeString(file, "{}");
        assertThatThrownBy(() -> FirstSightings.readSeed(file)).hasMessageContaining("not a JSON array");
    }

    static ObjectNode header(String messageId, String sender, String handling, String status) {
        return JSON.createObjectNode().put("messageId", messageId).put("kind", "seizure-notice")
                .put("sender", sender).put("handling", handling).put("status", status)
                .put("createdAt", "2026-12-01T08:00:00Z");
    }

    static ObjectNode substance(String preferredName, String... synonyms) {
        ObjectNode substance = JSON.createObjectNode().put("preferredName", preferredName);
        if (synonyms.length > 0) {
            var array = substance.putArray("synonyms");
            for (String synonym : synonyms) {
                array.addObject().put("value", synonym).put("lang", "en").put("kind", "tradeName");
            }
        }
        return substance;
    }

    static ObjectNode item(ObjectNode substance) {
        ObjectNode item = JSON.createObjectNode();
        item.set("substance", substance);
        item.putObject("quantity").put("value", 12.5).put("unit", "g");
        item.putObject("labAnalysis").put("status", "confirmed").putArray("methods").add("GC-MS");
        return item;
    }

    static ObjectNode notice(String country, String date, ObjectNode substance) {
        ObjectNode notice = JSON.createObjectNode().put("reportType", "single").put("seizureDate", date)
                .put("countryOfSeizure", country);
        notice.putArray("items").add(item(substance));
        return notice;
    }
}
