package org.regionalexchange.node.outbox;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.certs.testing.RegionalPkiExtension;
import org.regionalexchange.node.routing.CertificateDirectory;
import org.regionalexchange.node.routing.NextHopResolver;
import org.regionalexchange.node.rules.MessageRules;
import org.regionalexchange.node.store.NodeDatabase;
import org.regionalexchange.node.store.ReceivedMessages;
import org.regionalexchange.node.store.SentMessages;
import org.regionalexchange.schemas.SchemaCatalog;
import org.regionalexchange.schemas.Violation;

/**
 * What REST and local systems may submit at KZ, over a real H2 store and the real regional certificates: the schema
 * and the message rules, every violation at its pointer into the submission, with nothing built.
 */
@ExtendWith(RegionalPkiExtension.class)
class SubmissionCheckerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> REGION = List.of("CARICC", "KZ", "KG", "TJ", "TM", "UZ");

    @TempDir
    Path folder;

    final RegionalPki pki;
    NodeDatabase database;
    SentMessages sent;
    ReceivedMessages received;
    SubmissionChecker kazakhstan;

    SubmissionCheckerTest(RegionalPki pki) {
        this.pki = pki;
    }

    @BeforeEach
    void kazakhNode() {
        database = NodeDatabase.open("jdbc:h2:file:" + folder.resolve("node").toAbsolutePath(), "node", new char[0]);
        sent = new SentMessages(database, Clock.systemUTC());
        received = new ReceivedMessages(database);
        Clock clock = Clock.systemUTC();
        kazakhstan = new SubmissionChecker("KZ", SchemaCatalog.load(),
                new NextHopResolver("KZ", "CARICC", REGION, List.of("CARICC", "KG")),
                new CertificateDirectory(pki.directory()), clock,
                new MessageRules("KZ", REGION, clock, MessageRules.DEFAULT_CLOCK_TOLERANCE,
                        new StoredMessages("KZ", sent, received)));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void updateOfAnAlertThisNodeSentIsAccepted() {
        String alert = sentAlert();
        OutgoingMessage message = kazakhstan.check(alert(update(alert), Instant.now().plus(Duration.ofDays(30))));
        assertThat(message.finalRecipients()).containsExactly("CARICC", "KG", "TJ", "TM", "UZ");
    }

    @Test
    void updateOfAnAlertThatDoesNotExistIsRefusedAtItsReference() {
        String missing = UUID.randomUUID().toString();
        assertThat(violations(alert(update(missing), Instant.now().plus(Duration.ofDays(30)))))
                .containsExactly(new Violation("/document/references/0/messageId", "UNKNOWN_REFERENCE: no alert "
                        + missing + " was sent by this node"));
    }

    @Test
    void cancellationOfAnotherSendersAlertIsRefusedAtItsReference() {
        String alert = UUID.randomUUID().toString();
        received.storeIfNew(new ReceivedMessages.Received(alert, "early-warning", "CARICC", Instant.now(), "CARICC",
                "d".repeat(64), "{}", "{}"));
        ObjectNode cancel = example("early-warning/1-0-0/uz-tesla-tablets-cancel.json");
        ((ObjectNode) cancel.get("references").get(0)).put("messageId", alert);

        assertThat(violations(alert(cancel, Instant.now().plus(Duration.ofDays(1)))))
                .containsExactly(new Violation("/document/references/0/messageId", "FOREIGN_REFERENCE: alert " + alert
                        + " was sent by CARICC: only its sender may update or cancel it"));
    }

    @Test
    void expiryAlreadyPastIsRefusedAtExpiresAt() {
        List<Violation> violations = violations(alert(example("early-warning/1-0-0/caricc-metonitazene-new-substance.json"),
                Instant.now().minusSeconds(60)));
        assertThat(violations).extracting(Violation::pointer).containsExactly("/expiresAt");
        assertThat(violations.get(0).message()).startsWith("IMPLAUSIBLE: ").contains("is not in the future");
    }

    @Test
    void absurdAmountIsRefusedAtTheValue() {
        ObjectNode seizure = example("seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json");
        ((ObjectNode) seizure.get("items").get(0).get("quantity")).put("value", 1e308).put("unit", "kg");
        List<Violation> violations = violations(new Submission("seizure-notice", List.of("KG"), "AMBER", seizure,
                List.of(), null, "en", "actual"));
        assertThat(violations).extracting(Violation::pointer).containsExactly("/document/items/0/quantity/value");
        assertThat(violations.get(0).message()).startsWith("IMPLAUSIBLE: 1.0E308 kg is more than the bound");
    }

    @Test
    void seizureDatedInTheYear9999IsRefused() {
        ObjectNode seizure = example("seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json").put("seizureDate", "9999-01-01");
        assertThat(violations(new Submission("seizure-notice", List.of("KG"), "AMBER", seizure, List.of(), null, "en",
                "actual"))).extracting(v -> v.pointer() + " " + v.message())
                .containsExactly("/document/seizureDate IMPLAUSIBLE: 9999-01-01 dates a past event after now plus"
                        + " the clock tolerance of PT5M");
    }

    @Test
    void checkpointOfAnotherNodesChainIsRefused() {
        ObjectNode checkpoint = example("audit-checkpoint/1-0-0/kg-first-exchange.json");
        assertThat(violations(new Submission("audit-checkpoint", List.of("CARICC"), "GREEN", checkpoint, List.of(),
                null, "en", "actual"))).extracting(Violation::pointer).containsExactly("/document/node");
    }

    private String sentAlert() {
        String alert = UUID.randomUUID().toString();
        sent.record(new SentMessages.Sent(alert, "early-warning", Instant.now(), Instant.now().plusSeconds(3600),
                "GREEN", "{}", "a".repeat(64), Map.of("KG", "KG")));
        return alert;
    }

    private List<Violation> violations(Submission submission) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> kazakhstan.check(submission));
        assertThat(thrown).isInstanceOf(InvalidSubmissionException.class);
        return ((InvalidSubmissionException) thrown).violations();
    }

    private static Submission alert(JsonNode document, Instant expiresAt) {
        return new Submission("early-warning", List.of("REGIONAL"), "GREEN", document, List.of(), expiresAt, "en",
                "actual");
    }

    private static ObjectNode update(String alert) {
        ObjectNode update = example("early-warning/1-0-0/kz-cannabinoids-postal-route-update.json");
        ((ObjectNode) update.get("references").get(0)).put("messageId", alert);
        return update;
    }

    static ObjectNode example(String path) {
        try {
            return (ObjectNode) JSON.readTree(Path.of("..", "schemas", "examples", "valid").resolve(path).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
