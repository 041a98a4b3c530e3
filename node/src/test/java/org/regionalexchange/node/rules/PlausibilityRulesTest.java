package org.regionalexchange.node.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regionalexchange.node.rules.RuleFixtures.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaCatalog;

/** The IMPLAUSIBLE rules: dates of past events and of what may lie ahead, their order, and amounts, at their edges. */
class PlausibilityRulesTest {

    final MessageRules kyrgyzstan = rulesOf("KG");

    @Test
    void seizureDatedTomorrowSomewhereOnEarthIsPlausibleTheDayAfterIsNot() {
        assertThat(received(header("KZ", "seizure-notice", "KG"), seizure().put("seizureDate", "2026-12-03"))
                .violations()).isEmpty();

        RuleReport report = received(header("KZ", "seizure-notice", "KG"),
                seizure().put("seizureDate", "2026-12-04"));
        assertImplausible(report, "/document/seizureDate", "2026-12-04 dates a past event after now");
    }

    @Test
    void pastEventOfTheYear9999IsImplausible() {
        assertImplausible(received(header("KZ", "seizure-notice", "KG"), seizure().put("seizureDate", "9999-01-01")),
                "/document/seizureDate", "9999-01-01");
    }

    @Test
    void datesBefore1900AreImplausible() {
        assertImplausible(received(header("KZ", "seizure-notice", "KG"), seizure().put("seizureDate", "1899-12-31")),
                "/document/seizureDate", "is before 1900-01-01");
        assertThat(received(header("KZ", "seizure-notice", "KG"), seizure().put("seizureDate", "1900-01-01"))
                .violations()).isEmpty();
    }

    @Test
    void createdAtBeyondTheToleranceIsImplausible() {
        ObjectNode header = header("KZ", "seizure-notice", "KG").put("createdAt", "2026-12-02T18:05:01Z");
        assertImplausible(received(header, seizure()), "/header/createdAt", "dates a past event after now");
        header.put("createdAt", "2026-12-02T23:05:00+05:00");
        assertThat(received(header, seizure()).violations()).isEmpty();
    }

    @Test
    void effectiveDateOfALawMayLieAheadButNotMoreThanTenYears() {
        ObjectNode entry = example("list-entry/1-0-0/kz-resolution-22-2024.json");
        assertThat(received(header("KZ", "list-entry", "KG"), entry.put("effectiveDate", "2027-06-01"))
                .violations()).isEmpty();

        assertImplausible(received(header("KZ", "list-entry", "KG"), entry.put("effectiveDate", "9999-12-31")),
                "/document/effectiveDate", "is more than 10 years ahead");
    }

    @Test
    void expiryMustComeAfterCreation() {
        ObjectNode header = header("KZ", "seizure-notice", "KG").put("expiresAt", "2026-12-01T00:00:00Z");
        assertImplausible(received(header, seizure()), "/header/expiresAt", "is not after /header/createdAt");
        header.put("expiresAt", header.get("createdAt").asText());
        assertImplausible(received(header, seizure()), "/header/expiresAt", "is not after");
    }

    @Test
    void outcomeCannotBeReportedBeforeTheInspection() {
        ObjectNode report = example("outcome-report/1-0-0/aktau-seized-mephedrone.json");
        report.put("inspectedAt", "2026-11-20T10:00:00Z").put("reportedAt", "2026-11-20T09:00:00Z");
        assertImplausible(received(header("KZ", "outcome-report", "KG"), report), "/document/reportedAt",
                "is before /document/inspectedAt");
    }

    @Test
    void massUpToAThousandTonnesIsPlausibleInAnyUnit() {
        assertThat(received(header("KZ", "seizure-notice", "KG"), seizure(1000, "t")).violations()).isEmpty();
        assertThat(received(header("KZ", "seizure-notice", "KG"), seizure(1e9, "g")).violations()).isEmpty();
        assertThat(received(header("KZ", "seizure-notice", "KG"), seizure(1e6, "L")).violations()).isEmpty();

        assertImplausible(received(header("KZ", "seizure-notice", "KG"), seizure(1000.001, "t")),
                "/document/items/0/quantity/value", "more than the bound of 1,000 tonnes");
        assertImplausible(received(header("KZ", "seizure-notice", "KG"), seizure(1.000001e12, "mg")),
                "/document/items/0/quantity/value", "mg");
    }

    @Test
    void massOf1e308KilogramsIsImplausible() {
        assertImplausible(received(header("KZ", "seizure-notice", "KG"), seizure(1e308, "kg")),
                "/document/items/0/quantity/value", "1.0E308 kg is more than the bound");
    }

    @Test
    void countsUpToAHundredMillionArePlausible() {
        assertThat(received(header("KZ", "seizure-notice", "KG"), seizure(100_000_000, "tablets")).violations())
                .isEmpty();
        assertImplausible(received(header("KZ", "seizure-notice", "KG"), seizure(100_000_001, "tablets")),
                "/document/items/0/quantity/value", "tablets is more than the bound of 100,000,000");
    }

    @Test
    void amountsInsideAQuantityAreBoundedToo() {
        ObjectNode seizure = seizure(7500, "vials");
        ((ObjectNode) seizure.get("items").get(0).get("quantity")).putObject("perUnit").put("value", 5e6)
                .put("unit", "L");
        assertImplausible(received(header("KZ", "seizure-notice", "KG"), seizure),
                "/document/items/0/quantity/perUnit/value", "5000000.0 L");
    }

    @Test
    void thresholdBoundsAreBoundedAndInOrder() {
        ObjectNode entry = example("list-entry/1-0-0/kz-metonitazene-thresholds.json");
        ObjectNode small = (ObjectNode) entry.get("thresholds").get(0).get("small");
        small.put("min", 5).put("max", 1);
        assertImplausible(received(header("KZ", "list-entry", "KG"), entry), "/document/thresholds/0/small/max",
                "is below min");
    }

    @Test
    void everyValidSchemaExampleKeepsTheRules() throws IOException {
        MessageRules offline = new MessageRules("CARICC", REGION, CLOCK, Duration.ofMinutes(5), null);
        for (String kind : List.of("seizure-notice", "list-entry", "early-warning", "pre-arrival-warning",
                "outcome-report", "receipt", "audit-checkpoint")) {
            for (String version : SchemaCatalog.load().versions(MessageKind.fromId(kind))) {
                try (var files = java.nio.file.Files.list(Path.of("..", "schemas", "examples", "valid", kind,
                        version))) {
                    for (Path file : files.toList()) {
                        ObjectNode document = example(kind + "/" + version + "/" + file.getFileName());
                        String sender = document.path("node").asText("KZ");
                        assertThat(offline.received(header(sender, kind, "CARICC"), document, NOW).violations())
                                .as(file.toString()).isEmpty();
                    }
                }
            }
        }
    }

    private RuleReport received(ObjectNode header, JsonNode document) {
        return kyrgyzstan.received(header, document, NOW);
    }

    private static void assertImplausible(RuleReport report, String pointer, String detail) {
        assertThat(report.reason()).isEqualTo(RejectReason.IMPLAUSIBLE);
        assertThat(report.violations()).extracting(RuleViolation::pointer).contains(pointer);
        assertThat(report.describe()).contains(pointer + " ").contains(detail);
    }
}
