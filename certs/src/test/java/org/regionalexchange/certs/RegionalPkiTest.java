package org.regionalexchange.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.testing.MemberEnrolment;
import org.regionalexchange.certs.testing.RegionalPkiExtension;

@ExtendWith(RegionalPkiExtension.class)
class RegionalPkiTest {

    @Test
    void buildsEveryMemberOfTheRegionWithThreeCertificates(RegionalPki pki) {
        assertThat(pki.nodeIds()).containsExactlyInAnyOrderElementsOf(RegionalPki.REGION);
        for (String node : RegionalPki.REGION) {
            NodeKeys keys = pki.node(node);
            assertThat(keys.tls().certificate().getSubjectX500Principal().getName()).contains("CN=" + node);
            assertThat(keys.keystore()).isRegularFile();
            assertThat(keys.certificatePem(CertificatePurpose.ENCRYPTION)).isRegularFile();
        }
        assertThat(pki.caCertificatePem()).isRegularFile();
        assertThat(pki.crlPem()).isRegularFile();
    }

    @Test
    void nodeCertificatesCarryTheirPurposeAndNodeId(RegionalPki pki) throws Exception {
        NodeKeys kz = pki.node("KZ");
        X509Certificate tls = kz.tls().certificate();
        assertThat(tls.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(tls.getSubjectAlternativeNames().stream().map(name -> (Object) name.get(1)).toList())
                .contains("urn:regional-exchange:node:KZ", "localhost", "127.0.0.1");
        boolean[] signingUsage = kz.signing().certificate().getKeyUsage();
        assertThat(signingUsage[0]).as("digitalSignature").isTrue();
        assertThat(signingUsage[1]).as("nonRepudiation").isTrue();
        boolean[] encryptionUsage = kz.encryption().certificate().getKeyUsage();
        assertThat(encryptionUsage[4]).as("keyAgreement").isTrue();
        assertThat(encryptionUsage[0]).as("digitalSignature").isFalse();
        assertThat(kz.signing().certificate().getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void chainsValidateAgainstTheRegionalRoot(RegionalPki pki) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(pki.authority().certificate(), null)));
        parameters.setRevocationEnabled(false);
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            X509Certificate leaf = pki.node("TJ").credential(purpose).certificate();
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
        }
    }

    @Test
    void keystoresReloadWithTheJdk(RegionalPki pki) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pki.node("UZ").keystore())) {
            store.load(in, pki.password());
        }
        assertThat(store.isKeyEntry("signing")).isTrue();
        assertThat(store.getCertificateChain("encryption")).hasSize(2);
        KeyStore tlsOnly = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pki.node("UZ").tlsKeystore())) {
            tlsOnly.load(in, pki.password());
        }
        assertThat(java.util.Collections.list(tlsOnly.aliases())).containsExactly("tls");
    }

    @Test
    void revokedCertificateAppearsInASignedCrlThatSurvivesReload(@TempDir Path folder) throws Exception {
        RegionalPki pki = RegionalPki.create(folder, List.of("KZ", "KG"), Clock.systemUTC());
        X509CRL crl = pki.revoke("KG", CertificatePurpose.SIGNING);

        crl.verify(pki.authority().certificate().getPublicKey());
        assertThat(crl.isRevoked(pki.node("KG").signing().certificate())).isTrue();
        assertThat(crl.isRevoked(pki.node("KG").tls().certificate())).isFalse();

        RegionalPki reloaded = RegionalPki.load(folder);
        assertThat(reloaded.authority().certificate()).isEqualTo(pki.authority().certificate());
        assertThat(reloaded.node("KG").signing().certificate()).isEqualTo(pki.node("KG").signing().certificate());
        X509CRL next = reloaded.publishCrl();
        assertThat(next.isRevoked(pki.node("KG").signing().certificate())).isTrue();
        assertThat(crlNumber(next)).isGreaterThan(crlNumber(crl));
    }

    @Test
    void issuesAnAlreadyExpiredCertificateWhenAskedForPastDates(@TempDir Path folder) {
        RegionalPki pki = RegionalPki.create(folder, List.of("KZ"), Clock.systemUTC());
        Instant past = Instant.now().minus(Duration.ofDays(30));
        IssuedCredential expired = pki.authority().issue("KZ", CertificatePurpose.SIGNING, past,
                past.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> expired.certificate().checkValidity())
                .isInstanceOf(java.security.cert.CertificateExpiredException.class);
    }

    @Test
    void unknownNodeNamesTheCommandThatAddsIt(RegionalPki pki) {
        assertThatThrownBy(() -> pki.node("AZ")).hasMessageContaining("certs issue --pki");
    }

    @Test
    void rejectsMalformedNodeIds(RegionalPki pki) {
        assertThatThrownBy(() -> pki.authority().issue("kz", CertificatePurpose.TLS))
                .hasMessageContaining("'kz' is not a node id");
        assertThatThrownBy(() -> pki.authority().issue("REGIONAL", CertificatePurpose.TLS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCaWithoutNodesHoldsNoNodeKeysAndEnrolsMembersByRequest(@TempDir Path folder) throws Exception {
        RegionalPki ca = RegionalPki.create(folder.resolve("ca"), List.of(), Clock.systemUTC());
        assertThat(ca.nodeIds()).isEmpty();
        assertThat(ca.caCertificatePem()).isRegularFile();
        assertThat(ca.crlPem()).isRegularFile();
        try (var children = Files.list(ca.directory())) {
            assertThat(children.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()))
                    .containsExactly("ca");
        }

        MemberEnrolment.enrol(ca, MemberFolder.at(folder.resolve("kz")), "KZ", "kz-member-password".toCharArray(),
                Duration.ZERO, folder.resolve("to-kz"));

        assertThat(ca.nodeIds()).isEmpty();
        assertThat(ca.enrolledNodeIds()).containsExactly("KZ");
        assertThat(RegionalPki.load(ca.directory()).enrolledNodeIds()).containsExactly("KZ");
        assertThat(ca.directory().resolve("KZ").resolve("encryption.crt.pem")).isRegularFile();
        assertThat(ca.directory().resolve("KZ").resolve("node.p12")).doesNotExist();
    }

    @Test
    void loadingAFolderWithoutAPkiSaysHowToMakeOne(@TempDir Path empty) {
        assertThatThrownBy(() -> RegionalPki.load(empty)).isInstanceOf(PkiException.class)
                .hasMessageContaining("certs region --out");
    }

    private static long crlNumber(X509CRL crl) throws Exception {
        byte[] extension = crl.getExtensionValue("2.5.29.20");
        return org.bouncycastle.asn1.ASN1Integer.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(extension).getOctets()).longValueExact();
    }
}
