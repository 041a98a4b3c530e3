package org.regionalexchange.node.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.certs.testing.RegionalPkiExtension;
import picocli.CommandLine;

/** The offline operator commands: seal a document file, open a sealed file, and say why one is rejected. */
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
    void missingPasswordNamesBothWaysToGiveIt() {
        int exit = run("open", "--keystore", pki.node("KG").keystore().toString(), "--ca",
                pki.caCertificatePem().toString(), "--crl", pki.crlPem().toString(), "--in", "x.json");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("--password-file").contains("NODE_KEYSTORE_PASSWORD");
    }

    private Path seal(String sender, String recipients) {
        Path sealed = work.resolve("sealed.json");
        int exit = run("seal", "--keystore", pki.node(sender).keystore().toString(), "--password-file",
                pki.directory().resolve("keystore.pass").toString(), "--certs-dir", pki.directory().toString(),
                "--kind", "seizure-notice", "--to", recipients,
                "--in", Path.of("..", "schemas", "examples", "valid", "seizure-notice", "kg-alpha-pvp-bishkek.json")
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
