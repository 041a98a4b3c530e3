package org.regionalexchange.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.CertificatePurpose;
import org.regionalexchange.certs.NodeKeys;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.certs.testing.RegionalPkiExtension;
import org.regionalexchange.node.envelope.EnvelopeCodec;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.envelope.SealedEnvelope;

/** The node's CMS is ordinary CMS: the machine's OpenSSL reads what the node writes, and the node reads OpenSSL's. */
@ExtendWith(RegionalPkiExtension.class)
class OpensslInteropTest {

    @TempDir
    Path work;

    final RegionalPki pki;
    final SealedFixture fixture;

    OpensslInteropTest(RegionalPki pki) {
        this.pki = pki;
        this.fixture = new SealedFixture(pki, Clock.systemUTC());
    }

    @Test
    void opensslDecryptsAndVerifiesWhatTheNodeSeals() throws Exception {
        ObjectNode header = SealedFixture.header("KZ", List.of("KG", "CARICC"), null);
        byte[] wire = fixture.sealer("KZ").seal(header, SealedFixture.document(),
                fixture.encryptionCertificates(List.of("KG", "CARICC")));
        Path enveloped = write("enveloped.der", EnvelopeCodec.read(wire).protectedContent());
        NodeKeys kyrgyzstan = pki.node("KG");

        openssl("cms", "-decrypt", "-inform", "DER", "-in", enveloped, "-out", work.resolve("signed.der"),
                "-inkey", kyrgyzstan.privateKeyPem(CertificatePurpose.ENCRYPTION),
                "-recip", kyrgyzstan.certificatePem(CertificatePurpose.ENCRYPTION));
        openssl("cms", "-verify", "-inform", "DER", "-in", work.resolve("signed.der"), "-binary",
                "-CAfile", pki.caCertificatePem(), "-purpose", "any", "-out", work.resolve("content.json"));

        OpenedMessage opened = fixture.opener("KG").open(wire);
        assertThat(Files.readAllBytes(work.resolve("content.json"))).isEqualTo(opened.signedContent());
    }

    @Test
    void nodeOpensAMessageSignedAndEncryptedByOpenssl() throws Exception {
        ObjectNode header = SealedFixture.header("KZ", List.of("KG"), null);
        String content = "{\"header\":" + header + ",\"document\":" + SealedFixture.document() + "}";
        Path plain = write("content.json", content.getBytes(StandardCharsets.UTF_8));
        NodeKeys kazakhstan = pki.node("KZ");
        openssl("cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-in", plain, "-outform", "DER",
                "-out", work.resolve("signed.der"),
                "-signer", kazakhstan.certificatePem(CertificatePurpose.SIGNING),
                "-inkey", kazakhstan.privateKeyPem(CertificatePurpose.SIGNING));
        openssl("cms", "-encrypt", "-binary", "-aes-256-gcm", "-in", work.resolve("signed.der"), "-inform", "DER",
                "-outform", "DER", "-out", work.resolve("enveloped.der"),
                pki.node("KG").certificatePem(CertificatePurpose.ENCRYPTION));

        byte[] wire = EnvelopeCodec.write(new SealedEnvelope(header,
                Files.readAllBytes(work.resolve("enveloped.der"))));
        OpenedMessage opened = fixture.opener("KG").open(wire);

        assertThat(opened.signerNodeId()).isEqualTo("KZ");
        assertThat(opened.header()).isEqualTo(header);
        assertThat(new String(opened.signedContent(), StandardCharsets.UTF_8)).isEqualTo(content);
    }

    @Test
    void signatureVerifierAcceptsOpensslSignedData() throws Exception {
        Path plain = write("note.txt", "{\"header\":{},\"document\":{}}".getBytes(StandardCharsets.UTF_8));
        NodeKeys uzbekistan = pki.node("UZ");
        openssl("cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-in", plain, "-outform", "DER",
                "-out", work.resolve("signed.der"),
                "-signer", uzbekistan.certificatePem(CertificatePurpose.SIGNING),
                "-inkey", uzbekistan.privateKeyPem(CertificatePurpose.SIGNING));

        VerifiedContent verified = new SignatureVerifier().verify(Files.readAllBytes(work.resolve("signed.der")),
                "openssl");

        assertThat(verified.signer()).isEqualTo(uzbekistan.signing().certificate());
        assertThat(verified.content()).isEqualTo(Files.readAllBytes(plain));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(work.resolve(name), bytes);
    }

    private void openssl(Object... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        for (Object argument : arguments) {
            command.add(argument.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = process.waitFor(30, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("openssl finished in time").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }

}
