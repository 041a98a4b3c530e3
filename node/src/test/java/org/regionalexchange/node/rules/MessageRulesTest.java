package org.regionalexchange.node.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.regionalexchange.node.failure.RejectReason;

/** Each message rule, kept and broken, at its edges; the clock is fixed at 2026-12-02T18:00:00Z. */
class MessageRulesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final List<String> REGION = List.of("CARICC", "KZ", "KG", "TJ", "TM", "UZ");
    static final String KZ_ALERT = "11111111-2222-4333-8444-555555555555";
    static final String KG_ALERT = "22222222-2222-4333-8444-555555555555";
    static final String KZ_SEIZURE = "33333333-2222-4333-8444-555555555555";

    /** KG's store: an alert from KZ and a seizure notice from KZ received, an alert of its own sent. */
    final KnownMessages known = id -> Optional.ofNullable(Map.of(
            KZ_ALERT, new KnownMessages.Known("early-warning", "KZ"),
            KZ_SEIZURE, new KnownMessages.Known("seizure-notice", "KZ"),
            KG_ALERT, new KnownMessages.Known("early-warning", "KG")).get(id));
    final MessageRules kyrgyzstan = new MessageRules("KG", REGION, CLOCK, Duration.ofMinutes(5), known);

    @Test
    void messageAddressedByIdOrThroughRegionalKeepsTheRules() {
        assertThat(received(header("KZ", "seizure-notice", "KG"), seizure()).violations()).isEmpty();
        assertThat(received(header("KZ", "seizure-notice", "REGIONAL"), seizure()).violations()).isEmpty();
    }

    @Test
    void signedHeaderThatListsOtherNodesOnlyIsNotAddressed() {
        RuleReport report = received(header("KZ", "seizure-notice", "CARICC"), seizure());

        assertThat(report.reason()).isEqualTo(RejectReason.NOT_ADDRESSED);
        assertThat(report.describe()).startsWith("/header/recipients does not list KG or REGIONAL");
        assertThat(RejectReason.NOT_ADDRESSED.senderAuthenticated()).isFalse();
    }

    @Test
    void regionalDoesNotAddressANodeOutsideTheRegion() {
        MessageRules outsider = new MessageRules("AZ", REGION, CLOCK, Duration.ofMinutes(5), known);

        assertThat(outsider.received(header("KZ", "seizure-notice", "REGIONAL"), seizure(), NOW).reason())
                .isEqualTo(RejectReason.NOT_ADDRESSED);
    }

    @Test
    void signingTimeMayRunAheadByTheToleranceAndNotASecondMore() {
        ObjectNode header = header("KZ", "seizure-notice", "KG");
        assertThat(kyrgyzstan.received(header, seizure(), NOW.plus(Duration.ofMinutes(5))).violations()).isEmpty();

        RuleReport report = kyrgyzstan.received(header, seizure(), NOW.plus(Duration.ofMinutes(5)).plusSeconds(1));
        assertThat(report.reason()).isEqualTo(RejectReason.SIGNED_IN_FUTURE);
        assertThat(report.describe()).contains("signed at 2026-12-02T18:05:01Z").contains("PT5M");
    }

    @Test
    void signingTimeAYearAheadIsSignedInFuture() {
        assertThat(kyrgyzstan.received(header("KZ", "seizure-notice", "KG"), seizure(),
                NOW.plus(Duration.ofDays(365))).reason()).isEqualTo(RejectReason.SIGNED_IN_FUTURE);
    }

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
        ObjectNode entry = example("list-entry/kz-resolution-22-2024.json");
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
        ObjectNode report = example("outcome-report/aktau-seized-mephedrone.json");
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
        ObjectNode entry = example("list-entry/kz-metonitazene-thresholds.json");
        ObjectNode small = (ObjectNode) entry.get("thresholds").get(0).get("small");
        small.put("min", 5).put("max", 1);
        assertImplausible(received(header("KZ", "list-entry", "KG"), entry), "/document/thresholds/0/small/max",
                "is below min");
    }

    @Test
    void updateOfTheSendersOwnKnownAlertKeepsTheRules() {
        assertThat(received(header("KZ", "early-warning", "KG"), update(KZ_ALERT)).violations()).isEmpty();
    }

    @Test
    void updateOfAnAlertNotYetKnownIsPendingUnknownReference() {
        String missing = UUID.randomUUID().toString();
        RuleReport report = received(header("KZ", "early-warning", "KG"), update(missing));

        assertThat(report.reason()).isEqualTo(RejectReason.UNKNOWN_REFERENCE);
        assertThat(report.onlyPending()).isTrue();
        assertThat(report.describe()).isEqualTo("/document/references/0/messageId no alert " + missing
                + " has reached this node (received or sent by it)");
    }

    @Test
    void updateOfAnotherSendersAlertIsForeignAtOnce() {
        RuleReport report = received(header("TJ", "early-warning", "KG"), update(KZ_ALERT));

        assertThat(report.reason()).isEqualTo(RejectReason.FOREIGN_REFERENCE);
        assertThat(report.onlyPending()).isFalse();
        assertThat(report.describe()).contains("/document/references/0/messageId alert " + KZ_ALERT
                + " was sent by KZ");
    }

    @Test
    void cancellationOfThisNodesOwnAlertByAnotherNodeIsForeign() {
        assertThat(received(header("KZ", "early-warning", "KG"), cancel(KG_ALERT)).reason())
                .isEqualTo(RejectReason.FOREIGN_REFERENCE);
    }

    @Test
    void updateOfAMessageThatIsNotAnAlertIsUnknownForGood() {
        RuleReport report = received(header("KZ", "early-warning", "KG"), update(KZ_SEIZURE));

        assertThat(report.reason()).isEqualTo(RejectReason.UNKNOWN_REFERENCE);
        assertThat(report.onlyPending()).isFalse();
        assertThat(report.describe()).contains("is a seizure-notice, not an early-warning alert");
    }

    @Test
    void headerReferencesAreJudgedTooAndEachAlertOnce() {
        ObjectNode header = header("KZ", "early-warning", "KG");
        header.putArray("references").addObject().put("messageId", KG_ALERT).put("relation", "updates");
        header.withArray("references").addObject().put("messageId", KZ_ALERT).put("relation", "updates");

        RuleReport report = received(header, update(KZ_ALERT));
        assertThat(report.violations()).extracting(RuleViolation::pointer)
                .containsExactly("/header/references/0/messageId");
    }

    @Test
    void offlineRulesJudgeOnlyTheReferencesOwnSender() {
        MessageRules offline = new MessageRules("KG", REGION, CLOCK, Duration.ofMinutes(5), null);
        assertThat(offline.checksReferences()).isFalse();
        assertThat(offline.received(header("KZ", "early-warning", "KG"), update(UUID.randomUUID().toString()), NOW)
                .violations()).isEmpty();

        ObjectNode naming = update(KZ_ALERT);
        ((ObjectNode) naming.get("references").get(0)).put("sender", "TJ");
        RuleReport report = offline.received(header("KZ", "early-warning", "KG"), naming, NOW);
        assertThat(report.reason()).isEqualTo(RejectReason.FOREIGN_REFERENCE);
        assertThat(report.describe()).startsWith("/document/references/0/sender names TJ");
    }

    @Test
    void submittedUpdateMustBeOfAnAlertThisNodeSent() {
        assertThat(kyrgyzstan.submitted(header("KG", "early-warning", "KZ"), update(KG_ALERT)).violations()).isEmpty();

        RuleReport received = kyrgyzstan.submitted(header("KG", "early-warning", "KZ"), update(KZ_ALERT));
        assertThat(received.asSubmissionViolations()).extracting(v -> v.pointer() + " " + v.message())
                .containsExactly("/document/references/0/messageId FOREIGN_REFERENCE: alert " + KZ_ALERT
                        + " was sent by KZ: only its sender may update or cancel it");
        String missing = UUID.randomUUID().toString();
        assertThat(kyrgyzstan.submitted(header("KG", "early-warning", "KZ"), update(missing)).describe())
                .isEqualTo("/document/references/0/messageId no alert " + missing + " was sent by this node");
    }

    @Test
    void submissionThatWouldExpireBeforeItIsSentIsImplausibleAtItsExpiresAt() {
        ObjectNode header = header("KG", "seizure-notice", "KZ").put("createdAt", NOW.toString())
                .put("expiresAt", NOW.toString());
        header.put("createdAt", NOW.minusSeconds(60).toString());
        RuleReport report = kyrgyzstan.submitted(header, seizure());

        assertThat(report.asSubmissionViolations()).extracting(v -> v.pointer())
                .containsExactly("/expiresAt");
        assertThat(report.describe()).contains("is not in the future");
    }

    @Test
    void auditCheckpointOfAnotherNodesChainBreaksTheSenderRule() {
        ObjectNode checkpoint = example("audit-checkpoint/kg-first-exchange.json");
        assertThat(received(header("KG", "audit-checkpoint", "CARICC"), checkpoint, "CARICC").violations())
                .isEmpty();
        RuleReport report = received(header("KZ", "audit-checkpoint", "CARICC"), checkpoint, "CARICC");
        assertThat(report.reason()).isEqualTo(RejectReason.SCHEMA_INVALID);
        assertThat(report.describe()).startsWith("/document/node must be the sender's own node id KZ");
    }

    @Test
    void notAddressedComesBeforeWhatIsWrongWithTheContent() {
        RuleReport report = received(header("KZ", "seizure-notice", "CARICC"), seizure(1e308, "kg"));
        assertThat(report.reason()).isEqualTo(RejectReason.NOT_ADDRESSED);
        assertThat(report.violations()).hasSize(2);
    }

    @Test
    void everyValidSchemaExampleKeepsTheRules() throws IOException {
        MessageRules offline = new MessageRules("CARICC", REGION, CLOCK, Duration.ofMinutes(5), null);
        for (String kind : List.of("seizure-notice", "list-entry", "early-warning", "pre-arrival-warning",
                "outcome-report", "receipt", "audit-checkpoint")) {
            try (var files = java.nio.file.Files.list(Path.of("..", "schemas", "examples", "valid", kind))) {
                for (Path file : files.toList()) {
                    ObjectNode document = example(kind + "/" + file.getFileName());
                    String sender = document.path("node").asText("KZ");
                    assertThat(offline.received(header(sender, kind, "CARICC"), document, NOW).violations())
                            .as(file.toString()).isEmpty();
                }
            }
        }
    }

    private RuleReport received(ObjectNode header, JsonNode document) {
        return kyrgyzstan.received(header, document, NOW);
    }

    private RuleReport received(ObjectNode header, JsonNode document, String self) {
        return new MessageRules(self, REGION, CLOCK, Duration.ofMinutes(5), known).received(header, document, NOW);
    }

    private static void assertImplausible(RuleReport report, String pointer, String detail) {
        assertThat(report.reason()).isEqualTo(RejectReason.IMPLAUSIBLE);
        assertThat(report.violations()).extracting(RuleViolation::pointer).contains(pointer);
        assertThat(report.describe()).contains(pointer + " ").contains(detail);
    }

    static ObjectNode header(String sender, String kind, String recipient) {
        ObjectNode header = JSON.createObjectNode().put("messageId", UUID.randomUUID().toString()).put("kind", kind)
                .put("schemaVersion", "1-0-0").put("status", "actual").put("sender", sender);
        header.putArray("recipients").add(recipient);
        header.put("createdAt", NOW.minusSeconds(30).toString()).put("expiresAt", NOW.plus(Duration.ofDays(30))
                .toString()).put("handling", "AMBER").put("language", "en");
        return header;
    }

    static ObjectNode seizure() {
        return example("seizure-notice/kg-alpha-pvp-bishkek.json");
    }

    static ObjectNode seizure(double value, String unit) {
        ObjectNode seizure = seizure();
        ObjectNode quantity = (ObjectNode) seizure.get("items").get(0).get("quantity");
        quantity.removeAll();
        quantity.put("value", value).put("unit", unit);
        return seizure;
    }

    static ObjectNode update(String alert) {
        ObjectNode update = example("early-warning/kz-cannabinoids-postal-route-update.json");
        ((ObjectNode) update.get("references").get(0)).put("messageId", alert);
        return update;
    }

    static ObjectNode cancel(String alert) {
        ObjectNode cancel = example("early-warning/uz-tesla-tablets-cancel.json");
        ((ObjectNode) cancel.get("references").get(0)).put("messageId", alert);
        return cancel;
    }

    static ObjectNode example(String path) {
        try {
            return (ObjectNode) JSON.readTree(Path.of("..", "schemas", "examples", "valid").resolve(path).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
