package org.regionalexchange.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.testing.MemberEnrolment;

/**
 * Key rotation with an overlap: the member requests new keys beside its installed ones, CARICC signs them and keeps
 * the replaced certificates valid until the overlap ends, the member installs and keeps the replaced encryption key.
 */
class RotationTest {

    private static final char[] PASSWORD = "uz-member-password".toCharArray();
    private static final Duration WEEK = Duration.ofDays(7);

    @TempDir
    Path folder;

    RegionalPki caricc;
    MemberFolder uz;
    MemberFolder.Installed first;

    @BeforeEach
    void enrolUz() throws Exception {
        caricc = RegionalPki.create(folder.resolve("caricc"), List.of("CARICC"), Clock.systemUTC());
        uz = MemberFolder.at(folder.resolve("uz"));
        first = enrol(WEEK);
        assertThat(first.previousEncryption()).isEmpty();
    }

    @Test
    void aRotationsRequestLeavesTheInstalledKeysInUse() throws Exception {
        byte[] installed = Files.readAllBytes(uz.keystore("UZ"));

        MemberFolder.Requested requested = uz.request("UZ", PASSWORD, false);

        assertThat(requested.rotates()).contains(uz.keystore("UZ"));
        assertThat(Files.readAllBytes(uz.keystore("UZ"))).isEqualTo(installed);
        assertThat(aliases(uz.keystore("UZ"))).containsExactlyInAnyOrder("tls", "signing", "encryption");
        assertThat(uz.requestedKeystore("UZ")).isRegularFile();
        assertThatThrownBy(() -> uz.request("UZ", PASSWORD, false)).isInstanceOf(PkiException.class)
                .hasMessageContaining("already has requests waiting").hasMessageContaining("are kept either way");
        assertThat(uz.request("UZ", PASSWORD, true).rotates()).contains(uz.keystore("UZ"));
        assertThat(Files.readAllBytes(uz.keystore("UZ"))).isEqualTo(installed);
    }

    @Test
    void aRotationIsRequestedUnderThePasswordOfTheInstalledKeys() {
        assertThatThrownBy(() -> uz.request("UZ", "another-password".toCharArray(), true))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("does not open the installed keys of UZ")
                .hasMessageContaining("give the password of node.p12");
        assertThat(uz.requestedKeystore("UZ")).doesNotExist();
    }

    @Test
    void theReplacedCertificatesStayOffTheCrlUntilTheOverlapEnds() throws Exception {
        Instant signedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MemberFolder.Installed second = enrol(WEEK);

        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            X509Certificate old = first.certificates().get(purpose);
            assertThat(caricc.authority().isRevoked(old)).as(purpose.alias()).isFalse();
            assertThat(PkiFiles.readCrl(caricc.crlPem()).isRevoked(old)).as(purpose.alias()).isFalse();
            assertThat(caricc.certificate("UZ", purpose)).contains(second.certificates().get(purpose));
        }
        RegionalPki reloaded = RegionalPki.load(caricc.directory());
        assertThat(reloaded.authority().superseded()).hasSize(3).allSatisfy(entry -> {
            assertThat(entry.nodeId()).isEqualTo("UZ");
            assertThat(entry.serial()).isEqualTo(first.certificates().get(entry.purpose()).getSerialNumber());
            assertThat(entry.overlapEnds()).isBetween(signedAt.plus(WEEK), Instant.now().plus(WEEK));
        });
        Instant overlapEnds = reloaded.authority().superseded().get(0).overlapEnds();

        X509CRL withinOverlap = RegionalPki.load(caricc.directory(), at(overlapEnds.minusSeconds(60))).publishCrl();
        assertThat(withinOverlap.getRevokedCertificates()).isNull();

        RegionalPki later = RegionalPki.load(caricc.directory(), at(overlapEnds.plusSeconds(60)));
        X509CRL afterOverlap = later.publishCrl();
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            X509CRLEntry entry = afterOverlap.getRevokedCertificate(first.certificates().get(purpose));
            assertThat(entry).as(purpose.alias()).isNotNull();
            assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.SUPERSEDED);
            // Each purpose's overlap ends when its own replacement was signed plus the overlap: the three are
            // signed one after another, so their ends can fall in different seconds.
            Instant ownEnd = reloaded.authority().superseded().stream()
                    .filter(superseded -> superseded.purpose() == purpose).findFirst().orElseThrow().overlapEnds();
            assertThat(entry.getRevocationDate().toInstant().getEpochSecond()).isEqualTo(ownEnd.getEpochSecond());
            assertThat(afterOverlap.isRevoked(second.certificates().get(purpose))).isFalse();
        }
        assertThat(PkiFiles.readCrl(caricc.crlPem())).isEqualTo(afterOverlap);
        RegionalPki reread = RegionalPki.load(caricc.directory());
        assertThat(reread.authority().superseded()).isEmpty();
        assertThat(reread.authority().isRevoked(first.certificates().get(CertificatePurpose.ENCRYPTION))).isTrue();
        assertThat(reread.publishCrl().getRevokedCertificate(first.certificates().get(CertificatePurpose.SIGNING))
                .getRevocationReason()).isEqualTo(CRLReason.SUPERSEDED);
    }

    @Test
    void aZeroOverlapRevokesTheReplacedCertificatesAtOnce() throws Exception {
        enrol(Duration.ZERO);

        X509CRL crl = PkiFiles.readCrl(caricc.crlPem());
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            X509CRLEntry entry = crl.getRevokedCertificate(first.certificates().get(purpose));
            assertThat(entry).as(purpose.alias()).isNotNull();
            assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
        }
        assertThat(RegionalPki.load(caricc.directory()).authority().superseded()).isEmpty();
    }

    @Test
    void aNegativeOverlapIsRefused() {
        MemberFolder.Requested requested = uz.request("UZ", PASSWORD, false);
        Path request = requested.requests().get(CertificatePurpose.TLS);
        assertThatThrownBy(() -> caricc.sign(RequestPolicy.check(RequestPolicy.read(request), "UZ-tls.csr.pem",
                java.util.Optional.of("UZ")), Duration.ofDays(-1))).isInstanceOf(PkiException.class)
                .hasMessageContaining("is negative").hasMessageContaining("PT0S");
    }

    @Test
    void installKeepsTheReplacedEncryptionKeyAndOnlyTheLatest() throws Exception {
        MemberFolder.Installed second = enrol(WEEK);

        X509Certificate firstEncryption = first.certificates().get(CertificatePurpose.ENCRYPTION);
        assertThat(second.previousEncryption()).contains(firstEncryption);
        KeyStore keyring = load(uz.keystore("UZ"));
        assertThat(Collections.list(keyring.aliases())).containsExactlyInAnyOrder("tls", "signing", "encryption",
                MemberFolder.PREVIOUS_ENCRYPTION_ALIAS);
        assertThat(keyring.getCertificate(MemberFolder.PREVIOUS_ENCRYPTION_ALIAS)).isEqualTo(firstEncryption);
        assertThat(keyring.getCertificateChain(MemberFolder.PREVIOUS_ENCRYPTION_ALIAS)).hasSize(2);
        assertThat(EnrolmentTest.matches((PrivateKey) keyring.getKey(MemberFolder.PREVIOUS_ENCRYPTION_ALIAS,
                PASSWORD), firstEncryption.getPublicKey(), CertificatePurpose.ENCRYPTION)).isTrue();
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            assertThat(keyring.getCertificate(purpose.alias())).isEqualTo(second.certificates().get(purpose));
        }
        assertThat(aliases(uz.tlsKeystore("UZ"))).containsExactly("tls");
        assertThat(PkiFiles.readCertificate(uz.certificatePem("UZ", CertificatePurpose.ENCRYPTION)))
                .isEqualTo(second.certificates().get(CertificatePurpose.ENCRYPTION));
        assertThat(uz.requestedKeystore("UZ")).doesNotExist();

        MemberFolder.Installed third = enrol(WEEK);

        X509Certificate secondEncryption = second.certificates().get(CertificatePurpose.ENCRYPTION);
        assertThat(third.previousEncryption()).contains(secondEncryption);
        KeyStore rotatedTwice = load(uz.keystore("UZ"));
        assertThat(Collections.list(rotatedTwice.aliases())).hasSize(4);
        assertThat(rotatedTwice.getCertificate(MemberFolder.PREVIOUS_ENCRYPTION_ALIAS)).isEqualTo(secondEncryption);
        assertThat(files(uz.directory())).noneMatch(file -> file.getFileName().toString().endsWith(".new"));
    }

    @Test
    void aSecondRotationWithinTheOverlapRevokesTheCertificateSupersededFirst() throws Exception {
        MemberFolder.Installed second = enrol(WEEK);
        enrol(WEEK);

        X509CRL crl = PkiFiles.readCrl(caricc.crlPem());
        Map<CertificatePurpose, BigInteger> superseded = new EnumMap<>(CertificatePurpose.class);
        caricc.authority().superseded().forEach(entry -> superseded.put(entry.purpose(), entry.serial()));
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            assertThat(crl.getRevokedCertificate(first.certificates().get(purpose)).getRevocationReason())
                    .isEqualTo(CRLReason.SUPERSEDED);
            assertThat(crl.isRevoked(second.certificates().get(purpose))).isFalse();
            assertThat(superseded.get(purpose)).isEqualTo(second.certificates().get(purpose).getSerialNumber());
        }
    }

    @Test
    void aRotationWithoutOverlapDuringAnOverlapRevokesBothReplacedCertificates() throws Exception {
        MemberFolder.Installed second = enrol(WEEK);
        enrol(Duration.ZERO);

        X509CRL crl = PkiFiles.readCrl(caricc.crlPem());
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            assertThat(crl.getRevokedCertificate(first.certificates().get(purpose)).getRevocationReason())
                    .isEqualTo(CRLReason.SUPERSEDED);
            assertThat(crl.getRevokedCertificate(second.certificates().get(purpose)).getRevocationReason())
                    .isEqualTo(CRLReason.KEY_COMPROMISE);
        }
        assertThat(RegionalPki.load(caricc.directory()).authority().superseded()).isEmpty();
    }

    @Test
    void anExplicitRevocationEndsTheOverlap() throws Exception {
        enrol(WEEK);
        X509Certificate old = first.certificates().get(CertificatePurpose.SIGNING);

        caricc.authority().revoke(old);
        X509CRL crl = caricc.publishCrl();

        assertThat(crl.getRevokedCertificate(old).getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
        assertThat(caricc.authority().superseded()).extracting(SupersededCertificate::purpose)
                .containsExactlyInAnyOrder(CertificatePurpose.TLS, CertificatePurpose.ENCRYPTION);
    }

    @Test
    void aCaStateFileWrittenBeforeRotationStillLoads() throws Exception {
        Path state = caricc.directory().resolve("ca").resolve("revoked.txt");
        Files.writeString(state, "next-crl-number 7\n3f2a 1700000000000\n", StandardCharsets.UTF_8);

        RegionalPki reloaded = RegionalPki.load(caricc.directory());
        X509CRL crl = reloaded.publishCrl();

        assertThat(reloaded.authority().superseded()).isEmpty();
        X509CRLEntry entry = crl.getRevokedCertificate(new BigInteger("3f2a", 16));
        assertThat(entry.getRevocationDate().toInstant()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
        assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
        assertThat(ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                crl.getExtensionValue(Extension.cRLNumber.getId()))).getValue()).isEqualTo(BigInteger.valueOf(7));
        assertThat(Files.readString(state)).startsWith("next-crl-number 8\n3f2a 1700000000000\n");
    }

    private MemberFolder.Installed enrol(Duration overlap) throws Exception {
        return MemberEnrolment.enrol(caricc, uz, "UZ", PASSWORD, overlap, folder.resolve("outbox"));
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static List<String> aliases(Path file) throws Exception {
        return Collections.list(load(file).aliases());
    }

    private static List<Path> files(Path directory) throws Exception {
        try (var walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
