package org.regionalexchange.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SchemaCatalogTest {

    static final SchemaCatalog CATALOG = SchemaCatalog.load();
    static final MessageKind SEIZURE = MessageKind.SEIZURE_NOTICE;

    @Test
    void unknownKindNamesTheValidKinds() {
        assertThatThrownBy(() -> MessageKind.fromId("seizure"))
                .hasMessage("unknown kind 'seizure': use one of seizure-notice, list-entry, early-warning, "
                        + "pre-arrival-warning, outcome-report, receipt, audit-checkpoint, member-directory");
    }

    @Test
    void reportsEveryViolationWithAPointerAndSortedDeterministically() {
        ObjectNode document = example("valid/receipt/1-0-0/kg-delivered.json");
        document.put("receivedBy", "kg");
        document.put("receivedAt", "soon");
        List<Violation> violations = CATALOG.validateDocument(MessageKind.RECEIPT, document);

        assertThat(violations).extracting(Violation::pointer).containsExactly("/receivedAt", "/receivedBy");
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank().doesNotStartWith("/"));
    }

    @Test
    void formatAssertionsAreOn() {
        ObjectNode header = example("valid/header/1-0-0/kz-seizure-to-regional.json");
        header.put("createdAt", "2026-02-30T10:00:00Z");
        assertThat(CATALOG.validateHeader(header)).extracting(Violation::pointer).containsExactly("/createdAt");
    }

    @Nested
    class Versions {

        @Test
        void knowsEveryVersionOfTheIndexAscending() {
            assertThat(CATALOG.versions(SEIZURE)).containsExactly("1-0-0", "1-1-0");
            assertThat(CATALOG.versions(MessageKind.AUDIT_CHECKPOINT)).containsExactly("1-0-0");
            assertThat(CATALOG.currentVersion(SEIZURE)).isEqualTo("1-1-0");
            assertThat(CATALOG.currentVersion(MessageKind.AUDIT_CHECKPOINT)).isEqualTo("1-0-0");
            assertThat(CATALOG.knows(SEIZURE, "1-0-0")).isTrue();
            assertThat(CATALOG.knows(SEIZURE, "1-2-0")).isFalse();
            assertThat(CATALOG.knows(SEIZURE, "latest")).isFalse();
        }

        @Test
        void declaresTheSupportedVersionsOfEveryKindSortedByKind() {
            Map<String, List<String>> supported = CATALOG.supported();

            assertThat(supported).containsOnlyKeys("audit-checkpoint", "early-warning", "list-entry",
                    "member-directory", "outcome-report", "pre-arrival-warning", "receipt", "seizure-notice");
            assertThat(CATALOG.receiptDeclaration()).doesNotContainKey("member-directory").hasSize(7);
            assertThat(List.copyOf(supported.keySet())).isSorted();
            assertThat(supported.get("receipt")).containsExactly("1-0-0", "1-1-0");
            assertThat(supported.get("audit-checkpoint")).containsExactly("1-0-0");
        }

        @Test
        void supportedVersionsMakeAValidReceiptDeclaration() {
            ObjectNode receipt = example("valid/receipt/1-1-0/kg-delivered.json");
            receipt.set("supports", ExampleFiles.JSON.valueToTree(CATALOG.receiptDeclaration()));

            assertThat(CATALOG.validateDocument(MessageKind.RECEIPT, receipt)).isEmpty();
        }

        @Test
        void aPinnedCatalogKnowsOnlyTheVersionsUpToItsRelease() {
            SchemaCatalog pinned = SchemaCatalog.load(SchemaVersion.parse("1-0-0"));

            assertThat(pinned.versions(SEIZURE)).containsExactly("1-0-0");
            assertThat(pinned.currentVersion(MessageKind.LIST_ENTRY)).isEqualTo("1-0-0");
            assertThat(pinned.supported()).allSatisfy((kind, versions) -> assertThat(versions)
                    .containsExactly("1-0-0"));
            assertThat(pinned.validateDocument(SEIZURE, aggregatedNotice())).extracting(Violation::pointer)
                    .containsOnly("");
            assertThatThrownBy(() -> pinned.validateDocument(SEIZURE, "1-1-0", aggregatedNotice()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-0-0");
        }

        @Test
        void aCatalogPinnedAboveEveryVersionKnowsThemAll() {
            assertThat(SchemaCatalog.load(SchemaVersion.parse("1-9-0")).supported()).isEqualTo(CATALOG.supported());
        }

        @Test
        void anUnknownVersionNamesTheKnownOnes() {
            assertThatThrownBy(() -> CATALOG.validateDocument(SEIZURE, "1-2-0", aggregatedNotice()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("seizure-notice has no schema version 1-2-0 in this catalog: the known versions "
                            + "are 1-0-0, 1-1-0");
            assertThatThrownBy(() -> CATALOG.validateTolerant(SEIZURE, "2-0-0", aggregatedNotice()))
                    .hasMessageContaining("1-0-0, 1-1-0");
            assertThatThrownBy(() -> CATALOG.validateDocument(SEIZURE, "1.1.0", aggregatedNotice()))
                    .hasMessageContaining("MODEL-REVISION-ADDITION");
        }

        @Test
        void schemaIdsNameTheirVersion() {
            assertThat(SchemaCatalog.schemaId("receipt", "1-1-0"))
                    .isEqualTo("https://schemas.regional-exchange.org/receipt/1-1-0/schema.json");
            assertThat(CATALOG.validateDocument(SEIZURE, "1-0-0", aggregatedNotice())).isNotEmpty();
            assertThat(CATALOG.validateDocument(SEIZURE, "1-1-0", aggregatedNotice())).isEmpty();
            assertThat(CATALOG.validateDocument(SEIZURE, aggregatedNotice())).isEmpty();
        }
    }

    @Nested
    class TolerantReading {

        @Test
        void ignoresMembersTheReadVersionDoesNotDeclare() {
            ObjectNode notice = example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json");
            notice.put("reportType", "single");
            notice.putObject("corrects").put("messageId", "7a3e9c41-2b5d-4f08-9e6a-1c4d8b2f5e90");
            ((ObjectNode) notice.at("/items/0/quantity")).put("countedBy", "a member a later version may add");

            assertThat(CATALOG.validateDocument(SEIZURE, "1-0-0", notice)).extracting(Violation::pointer)
                    .containsOnly("", "/items/0/quantity");
            assertThat(CATALOG.validateTolerant(SEIZURE, "1-0-0", notice)).isEmpty();
        }

        @Test
        void readsANewerAggregatedReportAndCorrectionAsTheirOlderVersion() {
            assertThat(CATALOG.validateTolerant(SEIZURE, "1-0-0", aggregatedNotice())).isEmpty();
            assertThat(CATALOG.validateTolerant(SEIZURE, "1-0-0",
                    example("valid/seizure-notice/1-1-0/kg-alpha-pvp-bishkek-correction.json"))).isEmpty();
        }

        @Test
        void stillRefusesANewCodeAtItsPointer() {
            ObjectNode notice = example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json");
            notice.put("reportType", "single");
            ((ObjectNode) notice.at("/items/0/quantity")).put("value", 500).put("unit", "ug");

            assertThat(CATALOG.validateTolerant(SEIZURE, "1-1-0", notice)).isEmpty();
            assertThat(CATALOG.validateTolerant(SEIZURE, "1-0-0", notice)).extracting(Violation::pointer)
                    .containsOnly("/items/0/quantity/unit");
        }

        @Test
        void stillRefusesAChangedType() {
            JsonNode alert = example("valid/early-warning/1-1-0/caricc-metonitazene-new-substance.json");

            assertThat(CATALOG.validateTolerant(MessageKind.EARLY_WARNING, "1-0-0", alert))
                    .extracting(Violation::pointer)
                    .containsOnly("/substances/0/synonyms/0", "/substances/0/synonyms/1");
        }

        @Test
        void theDemoDocumentsOfTheNewVersionStayReadableByTheOldOne() {
            // They use new members only, so a region on mixed releases can exchange them.
            for (String file : List.of("seizure-notice/1-1-0/kg-alpha-pvp-bishkek.json",
                    "seizure-notice/1-1-0/tj-diazepam-nizhniy-pyanj.json",
                    "seizure-notice/1-1-0/kz-2019-annual-nps.json", "list-entry/1-1-0/kz-resolution-22-2024.json",
                    "pre-arrival-warning/1-1-0/tm-to-uz-farap-alat-pilot.json")) {
                MessageKind kind = MessageKind.fromId(file.substring(0, file.indexOf('/')));
                assertThat(CATALOG.validateTolerant(kind, "1-0-0", example("valid/" + file))).as(file).isEmpty();
            }
        }

        @Test
        void keepsEverythingTheReadVersionDeclares() {
            ObjectNode notice = aggregatedNotice();
            notice.remove("items");
            notice.putObject("remarks").put("en", "");
            notice.put("dateAccuracy", "week");

            assertThat(CATALOG.validateTolerant(SEIZURE, "1-0-0", notice)).extracting(Violation::pointer)
                    .containsOnly("", "/dateAccuracy", "/remarks/en");
        }

        @Test
        void appliesTheNewConditionalRulesOnlyWhenReadingTheirVersion() {
            ObjectNode entry = example("valid/list-entry/1-0-0/kz-eutylone-eaeu.json");
            ((ObjectNode) entry.at("/entries/0")).put("changeType", "movedTable").put("extra", true);

            assertThat(CATALOG.validateTolerant(MessageKind.LIST_ENTRY, "1-0-0", entry)).isEmpty();
            assertThat(CATALOG.validateTolerant(MessageKind.LIST_ENTRY, "1-1-0", entry))
                    .extracting(Violation::pointer).containsOnly("/entries/0");
        }
    }

    @Nested
    class LowestValid {

        @Test
        void aDocumentThatUsesNothingNewGetsTheFirstVersion() {
            for (MessageKind kind : MessageKind.values()) {
                for (Path file : ExampleFiles.valid(kind.id(), "1-0-0")) {
                    assertThat(CATALOG.lowestValid(kind, ExampleFiles.read(file))).as(file.toString())
                            .contains("1-0-0");
                }
            }
        }

        @Test
        void aDocumentWithANewMemberGetsTheVersionThatDeclaresIt() {
            for (String file : List.of("seizure-notice/1-1-0/kg-alpha-pvp-bishkek.json",
                    "seizure-notice/1-1-0/tj-diazepam-nizhniy-pyanj.json",
                    "seizure-notice/1-1-0/kz-2019-annual-nps.json", "list-entry/1-1-0/kz-resolution-22-2024.json",
                    "list-entry/1-1-0/kz-baseline-2024.json", "receipt/1-1-0/kg-delivered.json")) {
                MessageKind kind = MessageKind.fromId(file.substring(0, file.indexOf('/')));
                assertThat(CATALOG.lowestValid(kind, example("valid/" + file))).as(file).contains("1-1-0");
            }
        }

        @Test
        void aDocumentNoVersionAcceptsHasNone() {
            ObjectNode notice = aggregatedNotice();
            notice.remove("items");

            assertThat(CATALOG.lowestValid(SEIZURE, notice)).isEmpty();
            assertThat(SchemaCatalog.load(SchemaVersion.parse("1-0-0")).lowestValid(SEIZURE, aggregatedNotice()))
                    .isEmpty();
        }
    }

    @Nested
    class NearMissHints {

        @Test
        void aUnitInTheWrongCaseNamesTheCode() {
            assertThat(unitMessage("ml")).contains("'ml' is not a unit code: use 'mL'");
            assertThat(unitMessage("KG")).contains("'KG' is not a unit code: use 'kg'");
            assertThat(unitMessage("l")).contains("'l' is not a unit code: use 'L'");
        }

        @Test
        void theMicroSignNamesTheUcumCode() {
            assertThat(unitMessage("µg")).contains("use 'ug'");
            assertThat(unitMessage("μL")).contains("use 'uL'");
        }

        @Test
        void aCodeThatIsNotCloseGetsNoHint() {
            assertThat(unitMessage("drums")).doesNotContain("use '");
        }

        @Test
        void everyEnumGetsTheHintAndTheOlderVersionsToo() {
            ObjectNode alert = example("valid/early-warning/1-0-0/caricc-metonitazene-new-substance.json");
            alert.put("severity", "severe");
            ObjectNode notice = example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json");
            ((ObjectNode) notice.at("/items/0/quantity")).put("unit", "Kg");

            assertThat(CATALOG.validateDocument(MessageKind.EARLY_WARNING, alert)).singleElement()
                    .extracting(Violation::message).asString()
                    .endsWith("'severe' is not a severity code: use 'Severe'");
            assertThat(CATALOG.validateDocument(SEIZURE, "1-0-0", notice)).extracting(Violation::message)
                    .anyMatch(message -> message.contains("use 'kg'"));
        }

        private String unitMessage(String unit) {
            ObjectNode notice = example("valid/seizure-notice/1-1-0/kg-alpha-pvp-bishkek.json");
            ((ObjectNode) notice.at("/items/0/quantity")).put("unit", unit);
            List<Violation> violations = CATALOG.validateDocument(SEIZURE, notice);
            assertThat(violations).extracting(Violation::pointer).containsOnly("/items/0/quantity/unit");
            return violations.get(0).message();
        }
    }

    @Test
    void givesTheSameAnswersFromManyThreads() throws Exception {
        SchemaCatalog fresh = SchemaCatalog.load();
        JsonNode valid = example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json");
        JsonNode invalid = example("invalid/seizure-notice/1-0-0/unit-not-in-list.json");
        JsonNode newer = aggregatedNotice();
        List<Violation> expected = CATALOG.validateDocument(SEIZURE, invalid);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // The tolerant schemas compile on first use, so the first calls race to compile them.
            List<Future<Boolean>> results = IntStream.range(0, 400).mapToObj(i -> pool.submit(() ->
                    fresh.validateDocument(SEIZURE, valid).isEmpty()
                            && fresh.validateDocument(SEIZURE, invalid).equals(expected)
                            && fresh.validateTolerant(SEIZURE, "1-0-0", newer).isEmpty()
                            && fresh.lowestValid(SEIZURE, newer).equals(Optional.of("1-1-0"))))
                    .toList();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static ObjectNode aggregatedNotice() {
        return example("valid/seizure-notice/1-1-0/kz-2019-annual-nps.json");
    }

    static ObjectNode example(String path) {
        return (ObjectNode) ExampleFiles.example(path).deepCopy();
    }
}
