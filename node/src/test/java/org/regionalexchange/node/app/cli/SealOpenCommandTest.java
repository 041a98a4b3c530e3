package org.regionalexchange.node.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.certs.testing.RegionalPkiExtension;
import org.regionalexchange.node.app.NodeCli;
import org.regionalexchange.node.crypto.MessageSealer;
import org.regionalexchange.node.crypto.Pkcs12NodeKeyring;
import org.regionalexchange.node.exchange.Documents;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.routing.CertificateDirectory;
import picocli.CommandLine;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline operator commands: seal a document file after the node's own submission checks, open a sealed file with
 * the inbox's checks, and say why one is refused.
 */
@ExtendWith(RegionalPkiExtension.class)
class SealOpenCommandTest {

    @TempDir
    Path work;

    final RegionalPki pki;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    SealOpenCommandTest(RegionalPki pki) {
        this.pki = pki;
    }

    @Test
    void sealedFileOpensAtTheRecipientWithTheVerifiedHeaderAndDocument() {
        Path sealed = seal("KZ", "KG,CARICC");

        assertThat(open("KG", sealed)).isZero();
        assertThat(out.toString()).contains("\"sender\" : \"KZ\"").contains("alpha-PVP");
    }

    @Test
    void nonRecipientGetsOneLineWithTheReasonCodeAndExitCodeTwo() {
        Path sealed = seal("KZ", "KG");

        assertThat(open("TM", sealed)).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("REJECTED NOT_A_RECIPIENT:").doesNotContain("\n");
    }

    @Test
    void alteredFileIsRejectedWithItsReason() throws Exception {
        Path sealed = seal("KZ", "KG");
        String text = Files.readString(sealed, StandardCharsets.UTF_8).replace("\"handling\":\"AMBER\"",
                "\"handling\":\"CLEAR\"");
        Files.writeString(sealed, text, StandardCharsets.UTF_8);

        assertThat(open("KG", sealed)).isEqualTo(2);
        assertThat(err.toString()).startsWith("REJECTED HEADER_MISMATCH:");
    }

    @Test
    void openedFileSaysThatReferencesWereNotCheckedAgainstAStore() {
        assertThat(open("KG", seal("KZ", "KG"))).isZero();
        assertThat(err.toString()).contains("references to earlier messages were not checked against a store");
    }

    @Test
    void sealToRegionalEncryptsForEveryMemberOfTheRegion() {
        Path sealed = seal("KZ", "REGIONAL");

        assertThat(out.toString()).contains("for [CARICC, KG, TJ, TM, UZ]");
        for (String member : List.of("CARICC", "KG", "TJ", "TM", "UZ")) {
            assertThat(open(member, sealed)).as(member + ": " + err).isZero();
        }
    }

    @Test
    void sealToRegionalNeedsACertificateForEveryMember() {
        int exit = run("seal", "--keystore", pki.node("KZ").keystore().toString(), "--password-file",
                passwordFile(), "--certs-dir", pki.directory().toString(), "--region", "CARICC,KZ,KG,AZ",
                "--kind", "seizure-notice", "--to", "REGIONAL", "--in", example("seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json"),
                "--out", work.resolve("sealed.json").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no encryption certificate for AZ");
    }

    @Test
    void sealRefusesAnUnknownKindAndListsTheKinds() {
        assertThat(sealFile("seizure", example("seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json"))).isEqualTo(2);
        assertThat(err.toString()).contains("/kind unknown kind 'seizure': use one of seizure-notice, list-entry,");
        assertThat(work.resolve("sealed.json")).doesNotExist();
    }

    @Test
    void sealRefusesADocumentThatBreaksItsSchema() throws Exception {
        ObjectNode document = (ObjectNode) Documents.example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json");
        ((ObjectNode) document.get("items").get(0).get("quantity")).put("unit", "grams");
        assertThat(sealFile("seizure-notice", write(document))).isEqualTo(2);
        assertThat(err.toString()).startsWith("not sealed: ").contains("/document/items/0/quantity/unit");
    }

    @Test
    void sealRefusesAnImplausibleAmount() throws Exception {
        assertThat(sealFile("seizure-notice", write(absurdSeizure()))).isEqualTo(2);
        assertThat(err.toString()).contains("/document/items/0/quantity/value IMPLAUSIBLE: 1.0E308 kg");
    }

    @Test
    void openRejectsWhatTheInboxWouldRejectForItsSchema() throws Exception {
        ObjectNode document = (ObjectNode) Documents.example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json");
        ((ObjectNode) document.get("items").get(0).get("quantity")).put("unit", "grams");
        assertThat(open("KG", craft(header(List.of("KG")), document, Clock.systemUTC(), "KG"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("REJECTED SCHEMA_INVALID: /document/items/0/quantity/unit");
    }

    @Test
    void openRejectsAnImplausibleAmount() throws Exception {
        assertThat(open("KG", craft(header(List.of("KG")), absurdSeizure(), Clock.systemUTC(), "KG"))).isEqualTo(2);
        assertThat(err.toString()).startsWith("REJECTED IMPLAUSIBLE: /document/items/0/quantity/value 1.0E308 kg");
    }

    @Test
    void openRejectsAMessageWhoseSignedHeaderDoesNotAddressTheNode() throws Exception {
        Path sealed = craft(header(List.of("CARICC")), Documents.example(
                "valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json"), Clock.systemUTC(), "KG");
        assertThat(open("KG", sealed)).isEqualTo(2);
        assertThat(err.toString()).startsWith("REJECTED NOT_ADDRESSED: /header/recipients does not list KG");
    }

    @Test
    void openRejectsASigningTimeAnHourAhead() throws Exception {
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        Path sealed = craft(header(List.of("KG")), Documents.example(
                "valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json"), ahead, "KG");
        assertThat(open("KG", sealed)).isEqualTo(2);
        assertThat(err.toString()).startsWith("REJECTED SIGNED_IN_FUTURE: / signed at");
    }

    @Test
    void missingPasswordNamesBothWaysToGiveIt() {
        int exit = run("open", "--keystore", pki.node("KG").keystore().toString(), "--ca",
                pki.caCertificatePem().toString(), "--crl", pki.crlPem().toString(), "--in", "x.json");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("--password-file").contains("NODE_KEYSTORE_PASSWORD");
    }

    /** Seals with the library, past the command's checks, as a faulty or hostile node could. */
    private Path craft(ObjectNode header, JsonNode document, Clock clock, String recipient) throws Exception {
        Path sealed = work.resolve("crafted.json");
        Files.write(sealed, new MessageSealer(Pkcs12NodeKeyring.load(pki.node("KZ").keystore(), pki.password()),
                clock).seal(header, document, new CertificateDirectory(pki.directory())
                        .encryptionCertificates(List.of(recipient))));
        return sealed;
    }

    private static ObjectNode header(List<String> recipients) {
        return new Submission("seizure-notice", recipients, "AMBER", null, List.of(), null, "en", "actual")
                .header("KZ", "1-0-0", Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static ObjectNode absurdSeizure() {
        ObjectNode document = (ObjectNode) Documents.example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json");
        ((ObjectNode) document.get("items").get(0).get("quantity")).put("value", 1e308).put("unit", "kg");
        return document;
    }

    private String write(JsonNode document) throws Exception {
        Path file = work.resolve("document.json");
        Files.writeString(file, document.toString(), StandardCharsets.UTF_8);
        return file.toString();
    }

    private int sealFile(String kind, String document) {
        return run("seal", "--keystore", pki.node("KZ").keystore().toString(), "--password-file", passwordFile(),
                "--certs-dir", pki.directory().toString(), "--kind", kind, "--to", "KG", "--in", document,
                "--out", work.resolve("sealed.json").toString());
    }

    private String passwordFile() {
        return pki.directory().resolve("keystore.pass").toString();
    }

    private static String example(String path) {
        return Path.of("..", "schemas", "examples", "valid").resolve(path).toString();
    }

    private Path seal(String sender, String recipients) {
        Path sealed = work.resolve("sealed.json");
        int exit = run("seal", "--keystore", pki.node(sender).keystore().toString(), "--password-file",
                pki.directory().resolve("keystore.pass").toString(), "--certs-dir", pki.directory().toString(),
                "--kind", "seizure-notice", "--to", recipients,
                "--in", Path.of("..", "schemas", "examples", "valid", "seizure-notice", "1-0-0", "kg-alpha-pvp-bishkek.json")
                        .toString(), "--out", sealed.toString());
        assertThat(exit).as(err.toString()).isZero();
        return sealed;
    }

    private int open(String node, Path sealed) {
        return run("open", "--keystore", pki.node(node).keystore().toString(), "--password-file",
                pki.directory().resolve("keystore.pass").toString(), "--ca", pki.caCertificatePem().toString(),
                "--crl", pki.crlPem().toString(), "--in", sealed.toString());
    }

    private int run(String... args) {
        CommandLine commandLine = NodeCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
