package org.regionalexchange.node.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.CertificatePurpose;
import org.regionalexchange.certs.MemberFolder;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.certs.testing.MemberEnrolment;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;
import org.regionalexchange.node.trust.RegionalTrust;

/**
 * A member that rotated its keys ({@code certs request}, {@code sign --overlap}, {@code install}) still opens what
 * others sealed for its old encryption certificate, opens what they seal for the new one, and nothing else.
 */
class RotatedKeyringTest {

    private static final char[] PASSWORD = "uz-keystore-password".toCharArray();
    private static final Duration OVERLAP = Duration.ofDays(7);

    @TempDir
    Path folder;

    RegionalPki caricc;
    MemberFolder uz;
    MessageSealer kazakhstan;
    X509Certificate firstEncryption;

    @BeforeEach
    void enrolUz() throws Exception {
        caricc = RegionalPki.create(folder.resolve("caricc"), List.of("CARICC", "KZ"), Clock.systemUTC());
        uz = MemberFolder.at(folder.resolve("uz"));
        firstEncryption = rotate().certificates().get(CertificatePurpose.ENCRYPTION);
        kazakhstan = new MessageSealer(Pkcs12NodeKeyring.load(caricc.node("KZ").keystore(), caricc.password()),
                Clock.systemUTC());
    }

    @Test
    void aKeyringBeforeAnyRotationHoldsOneEncryptionKey() {
        NodeKeyring keyring = uzKeyring();

        assertThat(keyring.encryptionCertificates()).containsExactly(firstEncryption);
        assertThat(keyring.encryptionCertificate()).isEqualTo(firstEncryption);
        assertThat(opener().open(sealFor(firstEncryption)).sender()).isEqualTo("KZ");
    }

    @Test
    void messagesSealedForTheOldAndTheNewEncryptionCertificateBothOpenAfterARotation() throws Exception {
        byte[] sealedBeforeRotation = sealFor(firstEncryption);
        X509Certificate secondEncryption = rotate().certificates().get(CertificatePurpose.ENCRYPTION);
        byte[] sealedForTheNewKey = sealFor(secondEncryption);

        NodeKeyring keyring = uzKeyring();
        assertThat(keyring.encryptionCertificates()).containsExactly(secondEncryption, firstEncryption);
        assertThat(keyring.encryptionCertificate()).isEqualTo(secondEncryption);
        MessageOpener opener = opener();
        for (byte[] wire : List.of(sealedBeforeRotation, sealedForTheNewKey)) {
            OpenedMessage opened = opener.open(wire);
            assertThat(opened.sender()).isEqualTo("KZ");
            assertThat(opened.document()).isEqualTo(SealedFixture.document());
        }
    }

    @Test
    void aMessageSealedForAnotherNodesKeyIsStillRefused() throws Exception {
        rotate();
        X509Certificate cariccEncryption = caricc.node("CARICC").encryption().certificate();

        assertThatThrownBy(() -> opener().open(sealFor(cariccEncryption)))
                .isInstanceOfSatisfying(RejectedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.NOT_A_RECIPIENT))
                .hasMessageContaining("not encrypted for UZ's encryption certificate nor the one it kept");
        assertThatThrownBy(() -> uzKeyring().decryptor(cariccEncryption))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no key of UZ");
    }

    @Test
    void aSecondRotationDropsTheKeyOfTheFirst() throws Exception {
        byte[] sealedForTheFirstKey = sealFor(firstEncryption);
        X509Certificate secondEncryption = rotate().certificates().get(CertificatePurpose.ENCRYPTION);
        byte[] sealedForTheSecondKey = sealFor(secondEncryption);
        X509Certificate thirdEncryption = rotate().certificates().get(CertificatePurpose.ENCRYPTION);

        assertThat(uzKeyring().encryptionCertificates()).containsExactly(thirdEncryption, secondEncryption);
        MessageOpener opener = opener();
        assertThat(opener.open(sealedForTheSecondKey).sender()).isEqualTo("KZ");
        assertThat(opener.open(sealFor(thirdEncryption)).sender()).isEqualTo("KZ");
        assertThatThrownBy(() -> opener.open(sealedForTheFirstKey))
                .isInstanceOfSatisfying(RejectedMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.NOT_A_RECIPIENT));
    }

    /** Enrols UZ the first time, rotates its keys every time after. */
    private MemberFolder.Installed rotate() throws Exception {
        return MemberEnrolment.enrol(caricc, uz, "UZ", PASSWORD, OVERLAP, folder.resolve("to-uz"));
    }

    private byte[] sealFor(X509Certificate uzEncryption) {
        return kazakhstan.seal(SealedFixture.header("KZ", List.of("UZ"), null), SealedFixture.document(),
                List.of(uzEncryption));
    }

    private NodeKeyring uzKeyring() {
        return Pkcs12NodeKeyring.load(uz.keystore("UZ"), PASSWORD);
    }

    /** UZ's opener over what its own folder holds after install: its keystore, the regional root and the CRL. */
    private MessageOpener opener() {
        return new MessageOpener(uzKeyring(), RegionalTrust.fromFiles(uz.caCertificatePem(), uz.crlPem()),
                Clock.systemUTC());
    }
}
