package org.regionalexchange.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.CertificatePurpose;
import org.regionalexchange.certs.IssuedCredential;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.certs.testing.RegionalPkiExtension;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;

/** One crafted bad input per reason code; each is rejected with exactly that code. */
@ExtendWith(RegionalPkiExtension.class)
class RejectionReasonTest {

    final RegionalPki pki;
    final SealedFixture fixture;

    RejectionReasonTest(RegionalPki pki) {
        this.pki = pki;
        this.fixture = new SealedFixture(pki, Clock.systemUTC());
    }

    @Test
    void truncatedBytesAreMalformed() {
        byte[] wire = sealForKyrgyzstan(header("KZ"));
        assertRejected(() -> open(Arrays.copyOf(wire, wire.length / 2)), RejectReason.MALFORMED);
    }

    @Test
    void protectedPartThatIsNotCmsIsMalformed() {
        ObjectNode wire = (ObjectNode) json(sealForKyrgyzstan(header("KZ")));
        wire.put("protected", Base64.getEncoder().encodeToString("not CMS".getBytes(StandardCharsets.UTF_8)));
        assertRejected(() -> open(bytes(wire)), RejectReason.MALFORMED);
    }

    @Test
    void nodeThatIsNotARecipientCannotOpen() {
        byte[] wire = sealForKyrgyzstan(header("KZ"));
        assertRejected(() -> fixture.opener("TJ").open(wire), RejectReason.NOT_A_RECIPIENT);
    }

    @Test
    void flippedByteInTheCiphertextFailsDecryption() {
        ObjectNode wire = (ObjectNode) json(sealForKyrgyzstan(header("KZ")));
        byte[] cms = Base64.getDecoder().decode(wire.get("protected").asText());
        cms[cms.length - 1] ^= 0x01;
        wire.put("protected", Base64.getEncoder().encodeToString(cms));
        assertRejected(() -> open(bytes(wire)), RejectReason.DECRYPT_FAILED);
    }

    @Test
    void flippedByteInTheSignedContentBreaksTheSignature() throws Exception {
        ObjectNode header = header("KZ");
        MessageSealer sealer = fixture.sealer("KZ");
        byte[] signed = sealer.sign(("{\"header\":" + header + ",\"document\":{\"place\":\"Bishkek\"}}")
                .getBytes(StandardCharsets.UTF_8));
        byte[] target = "Bishkek".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(signed, target);
        signed[at + target.length - 1] = 'q';
        byte[] wire = sealer.envelope(header, signed, fixture.encryptionCertificates(List.of("KG")));
        assertRejected(() -> open(wire), RejectReason.BAD_SIGNATURE);
    }

    @Test
    void changedRecipientsInTheClearHeaderAreDetected() {
        ObjectNode wire = (ObjectNode) json(sealForKyrgyzstan(header("KZ")));
        ((ObjectNode) wire.get("header")).putArray("recipients").add("KG").add("TM");
        assertRejected(() -> open(bytes(wire)), RejectReason.HEADER_MISMATCH);
    }

    @Test
    void messageSignedByAnotherNodeThanTheHeaderSenderIsRejected() {
        byte[] wire = fixture.sealer("UZ").seal(header("KZ"), SealedFixture.document(),
                fixture.encryptionCertificates(List.of("KG")));
        assertRejected(() -> open(wire), RejectReason.SENDER_MISMATCH);
    }

    @Test
    void signerFromAnotherCaIsUntrusted(@TempDir Path foreignFolder) {
        RegionalPki foreign = RegionalPki.create(foreignFolder, List.of("KZ"), Clock.systemUTC());
        NodeKeyring impostor = new CredentialKeyring("KZ", foreign.node("KZ").signing(),
                foreign.node("KZ").encryption());
        byte[] wire = new MessageSealer(impostor, Clock.systemUTC()).seal(header("KZ"), SealedFixture.document(),
                fixture.encryptionCertificates(List.of("KG")));
        assertRejected(() -> open(wire), RejectReason.UNTRUSTED_SIGNER);
    }

    @Test
    void messageSignedWithTheTlsKeyIsUntrusted() {
        NodeKeyring wrongKey = new CredentialKeyring("KZ", pki.node("KZ").tls(), pki.node("KZ").encryption());
        byte[] wire = new MessageSealer(wrongKey, Clock.systemUTC()).seal(header("KZ"), SealedFixture.document(),
                fixture.encryptionCertificates(List.of("KG")));
        assertRejected(() -> open(wire), RejectReason.UNTRUSTED_SIGNER);
    }

    @Test
    void certificateExpiredAtSigningTimeIsRejected() {
        Instant past = Instant.now().minus(Duration.ofDays(60));
        IssuedCredential expired = pki.authority().issue("KZ", CertificatePurpose.SIGNING, past,
                past.plus(Duration.ofDays(30)));
        NodeKeyring keyring = new CredentialKeyring("KZ", expired, pki.node("KZ").encryption());
        byte[] wire = new MessageSealer(keyring, Clock.systemUTC()).seal(header("KZ"), SealedFixture.document(),
                fixture.encryptionCertificates(List.of("KG")));
        assertRejected(() -> open(wire), RejectReason.CERT_EXPIRED);
    }

    @Test
    void revokedSigningCertificateIsRejectedEvenForMessagesSignedBefore(@TempDir Path folder) {
        RegionalPki region = RegionalPki.create(folder, List.of("KZ", "KG"), Clock.systemUTC());
        SealedFixture local = new SealedFixture(region, Clock.systemUTC());
        byte[] wire = local.sealer("KZ").seal(header("KZ"), SealedFixture.document(),
                local.encryptionCertificates(List.of("KG")));
        MessageOpener kyrgyzstan = local.opener("KG");
        assertThat(kyrgyzstan.open(wire).sender()).isEqualTo("KZ");

        region.revoke("KZ", CertificatePurpose.SIGNING);
        assertRejected(() -> kyrgyzstan.open(wire), RejectReason.CERT_REVOKED);
    }

    @Test
    void messagePastItsExpiryIsRejected() {
        ObjectNode header = SealedFixture.header("KZ", List.of("KG"), Instant.now().minus(Duration.ofMinutes(1)));
        assertRejected(() -> open(sealForKyrgyzstan(header)), RejectReason.EXPIRED);
    }

    @Test
    void rejectionAfterVerificationNamesTheAuthenticatedSender() {
        ObjectNode header = SealedFixture.header("KZ", List.of("KG"), Instant.now().minus(Duration.ofMinutes(1)));
        assertThatThrownBy(() -> open(sealForKyrgyzstan(header)))
                .isInstanceOfSatisfying(RejectedMessageException.class, e -> {
                    assertThat(e.authenticatedSender()).contains("KZ");
                    assertThat(e.messageId()).contains(header.get("messageId").asText());
                    assertThat(e.getMessage()).startsWith("EXPIRED: expired at");
                });
    }

    private ObjectNode header(String sender) {
        return SealedFixture.header(sender, List.of("KG"), null);
    }

    private byte[] sealForKyrgyzstan(ObjectNode header) {
        return fixture.sealer("KZ").seal(header, SealedFixture.document(),
                fixture.encryptionCertificates(List.of("KG")));
    }

    private Object open(byte[] wire) {
        return fixture.opener("KG").open(wire);
    }

    private static void assertRejected(ThrowingCallable open, RejectReason reason) {
        assertThatThrownBy(open).isInstanceOfSatisfying(RejectedMessageException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(byte[] wire) {
        try {
            return SealedFixture.JSON.readTree(wire);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(com.fasterxml.jackson.databind.JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("needle not found");
    }
}
