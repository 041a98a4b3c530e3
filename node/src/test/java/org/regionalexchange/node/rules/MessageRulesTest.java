package org.regionalexchange.node.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.regionalexchange.node.rules.RuleFixtures.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.regionalexchange.node.failure.RejectReason;

/** Addressing, signing time, references, submission and sender rules, kept and broken, at a fixed clock. */
class MessageRulesTest {

    final MessageRules kyrgyzstan = rulesOf("KG");

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
    void aRedMessageToRegionalIsAddressedToNoOneAndARedMessageToNamedRecipientsKeepsTheRules() {
        ObjectNode toEveryone = header("KZ", "seizure-notice", "REGIONAL").put("handling", "RED");
        RuleReport received = received(toEveryone, seizure());
        assertThat(received.reason()).isEqualTo(RejectReason.NOT_ADDRESSED);
        assertThat(received.describe()).contains("TLP:RED goes only to recipients named in the header");
        assertThat(rulesOf("KZ").submitted(toEveryone, seizure()).describe())
                .startsWith("/header/recipients TLP:RED goes only to recipients named in the header");

        ObjectNode named = header("KZ", "seizure-notice", "KG").put("handling", "RED");
        assertThat(received(named, seizure()).violations()).isEmpty();
    }

    @Test
    void regionalDoesNotAddressANodeOutsideTheRegion() {
        MessageRules outsider = new MessageRules("AZ", REGION, CLOCK, Duration.ofMinutes(5), KYRGYZ_STORE);

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
        ObjectNode header = header("KG", "seizure-notice", "KZ").put("createdAt", NOW.minusSeconds(60).toString())
                .put("expiresAt", NOW.toString());
        RuleReport report = kyrgyzstan.submitted(header, seizure());

        assertThat(report.asSubmissionViolations()).extracting(v -> v.pointer())
                .containsExactly("/expiresAt");
        assertThat(report.describe()).contains("is not in the future");
    }

    @Test
    void auditCheckpointOfAnotherNodesChainBreaksTheSenderRule() {
        ObjectNode checkpoint = example("audit-checkpoint/1-0-0/kg-first-exchange.json");
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

    private RuleReport received(ObjectNode header, JsonNode document) {
        return kyrgyzstan.received(header, document, NOW);
    }

    private RuleReport received(ObjectNode header, JsonNode document, String self) {
        return rulesOf(self).received(header, document, NOW);
    }
}
