package org.regionalexchange.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.RequestRefusedException.Rule;

/** Enrolment by request: a member makes its keys, the regional CA signs what policy allows, the member installs. */
class EnrolmentTest {

    private static final char[] MEMBER_PASSWORD = "uz-member-password".toCharArray();

    @TempDir
    Path folder;

    RegionalPki caricc;
    MemberFolder uz;

    @BeforeEach
    void caAndMember() {
        caricc = RegionalPki.create(folder.resolve("caricc"), List.of("CARICC"), Clock.systemUTC());
        uz = MemberFolder.at(folder.resolve("uz"));
    }

    @Test
    void requestSignInstallGivesANodeKeyringThatChainsToTheRoot() throws Exception {
        MemberFolder.Requested requested = uz.request("UZ", MEMBER_PASSWORD, false);
        assertThat(requested.keystore()).isRegularFile();
        List<Path> certificates = signAll(requested);

        MemberFolder.Installed installed = uz.install(MEMBER_PASSWORD, certificates, caricc.caCertificatePem(),
                Optional.of(caricc.crlPem()));

        KeyStore keyring = load(installed.keystore(), MEMBER_PASSWORD);
        assertThat(Collections.list(keyring.aliases())).containsExactlyInAnyOrder("tls", "signing", "encryption");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(
                (X509Certificate) load(installed.truststore(), MEMBER_PASSWORD).getCertificate("regional-root"),
                null)));
        parameters.setRevocationEnabled(false);
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            PrivateKey key = (PrivateKey) keyring.getKey(purpose.alias(), MEMBER_PASSWORD);
            X509Certificate certificate = (X509Certificate) keyring.getCertificate(purpose.alias());
            assertThat(keyring.getCertificateChain(purpose.alias())).hasSize(2);
            assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=UZ", "OU=" + purpose.alias());
            assertThat(certificate).isEqualTo(caricc.certificate("UZ", purpose).orElseThrow());
            assertThat(matches(key, certificate.getPublicKey(), purpose)).as(purpose.alias()).isTrue();
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
        }
        X509Certificate tls = installed.certificates().get(CertificatePurpose.TLS);
        assertThat(tls.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(tls.getBasicConstraints()).isEqualTo(-1);
        assertThat(Collections.list(load(installed.tlsKeystore(), MEMBER_PASSWORD).aliases()))
                .containsExactly("tls");
        assertThat(uz.requestedKeystore("UZ")).doesNotExist();
        assertThat(uz.crlPem()).isRegularFile();
        assertThat(uz.certificatePem("UZ", CertificatePurpose.ENCRYPTION)).isRegularFile();
        assertThat(RegionalPki.load(caricc.directory()).enrolledNodeIds()).containsExactly("UZ");
        assertThat(Files.readAllLines(caricc.directory().resolve("ca/issued.txt"))).hasSize(3);
    }

    @Test
    void neitherFolderGetsTheOthersPrivateKeys() throws Exception {
        uz.request("UZ", MEMBER_PASSWORD, false);
        KeyStore requested = load(uz.requestedKeystore("UZ"), MEMBER_PASSWORD);
        List<PublicKey> memberKeys = new ArrayList<>();
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            memberKeys.add(requested.getCertificate(purpose.alias()).getPublicKey());
        }
        uz.install(MEMBER_PASSWORD, signAll(requestsOf("UZ")), caricc.caCertificatePem(),
                Optional.of(caricc.crlPem()));

        assertThat(uz.nodeIds()).containsExactly("UZ");
        for (Path file : files(uz.directory())) {
            assertThat(file.getFileName().toString()).doesNotEndWith(".key.pem");
            if (file.toString().endsWith(".p12")) {
                KeyStore store = load(file, MEMBER_PASSWORD);
                for (String alias : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(alias)) {
                        assertThat(((X509Certificate) store.getCertificate(alias)).getSubjectX500Principal()
                                .getName()).as(file + " " + alias).contains("CN=UZ");
                    }
                }
            }
        }
        assertThat(files(caricc.directory().resolve("UZ"))).allMatch(file -> file.toString().endsWith(".crt.pem"));
        for (Path file : files(caricc.directory())) {
            if (file.toString().endsWith(".p12")) {
                KeyStore store = load(file, caricc.password());
                for (String alias : Collections.list(store.aliases())) {
                    assertThat(memberKeys).as(file + " " + alias)
                            .doesNotContain(store.getCertificate(alias).getPublicKey());
                }
            }
            if (file.toString().endsWith(".key.pem")) {
                assertThat(file.getParent().getFileName().toString()).isEqualTo("CARICC");
            }
        }
    }

    @Test
    void aForgedSignatureIsRefusedForWantOfProofOfPossession() throws Exception {
        KeyPair claimed = ecKey("secp256r1");
        KeyPair signer = ecKey("secp256r1");
        PKCS10CertificationRequest forged = request(subject("UZ", "tls"), claimed.getPublic(), signer.getPrivate(),
                "SHA256withECDSA", usages(CertificatePurpose.TLS));

        assertRefused(forged, Optional.empty(), Rule.PROOF_OF_POSSESSION, "does not verify");
    }

    @Test
    void aRequestForAnotherOrAnInvalidNodeIsRefused() throws Exception {
        assertRefused(valid("UZ", CertificatePurpose.SIGNING), Optional.of("KZ"), Rule.NODE_ID,
                "for node UZ, not KZ");
        assertRefused(valid("uz", CertificatePurpose.SIGNING), Optional.empty(), Rule.NODE_ID, "'uz' is not a node id");
        assertRefused(valid("REGIONAL", CertificatePurpose.SIGNING), Optional.empty(), Rule.NODE_ID, "REGIONAL");
    }

    @Test
    void anUnknownOrMissingPurposeIsRefused() throws Exception {
        KeyPair pair = ecKey("secp256r1");
        assertRefused(request(subject("UZ", "email"), pair.getPublic(), pair.getPrivate(), "SHA256withECDSA",
                usages(CertificatePurpose.SIGNING)), Optional.empty(), Rule.PURPOSE, "'email' is not a purpose");
        assertRefused(request(new X500Name("CN=UZ,O=regional-exchange"), pair.getPublic(), pair.getPrivate(),
                "SHA256withECDSA", usages(CertificatePurpose.SIGNING)), Optional.empty(), Rule.PURPOSE, "no OU");
        assertRefused(request(new X500Name("CN=UZ,OU=tls,O=regional-exchange,C=UZ"), pair.getPublic(),
                pair.getPrivate(), "SHA256withECDSA", usages(CertificatePurpose.TLS)), Optional.empty(), Rule.SUBJECT,
                "may hold only CN");
    }

    @Test
    void aWeakOrWrongKeyTypeIsRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair weak = rsa.generateKeyPair();
        assertRefused(request(subject("UZ", "signing"), weak.getPublic(), weak.getPrivate(), "SHA256withRSA",
                usages(CertificatePurpose.SIGNING)), Optional.empty(), Rule.KEY_TYPE, "RSA 1024-bit");
        KeyPair p384 = ecKey("secp384r1");
        assertRefused(request(subject("UZ", "tls"), p384.getPublic(), p384.getPrivate(), "SHA384withECDSA",
                usages(CertificatePurpose.TLS)), Optional.empty(), Rule.KEY_TYPE, "secp384r1");
    }

    @Test
    void aCaFlagOrAnyUsageBeyondThePurposesIsRefused() throws Exception {
        KeyPair pair = ecKey("secp256r1");
        ExtensionsGenerator ca = new ExtensionsGenerator();
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca.addExtension(Extension.keyUsage, true, CertificatePurpose.SIGNING.keyUsage());
        assertRefused(signed("signing", pair, ca), Rule.USAGES, "asks to be a CA");

        ExtensionsGenerator certSign = new ExtensionsGenerator();
        certSign.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyCertSign));
        assertRefused(signed("signing", pair, certSign), Rule.USAGES, "[keyCertSign] not allowed");

        ExtensionsGenerator encipher = new ExtensionsGenerator();
        encipher.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyAgreement | KeyUsage.keyEncipherment));
        assertRefused(signed("encryption", pair, encipher), Rule.USAGES, "keyEncipherment");

        ExtensionsGenerator codeSigning = new ExtensionsGenerator();
        codeSigning.addExtension(Extension.keyUsage, true, CertificatePurpose.SIGNING.keyUsage());
        codeSigning.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
        assertRefused(signed("signing", pair, codeSigning), Rule.USAGES, "extended key usage [1.3.6.1.5.5.7.3.3]");

        ExtensionsGenerator serverOnly = new ExtensionsGenerator();
        serverOnly.addExtension(Extension.keyUsage, true, CertificatePurpose.TLS.keyUsage());
        serverOnly.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        assertRefused(signed("tls", pair, serverOnly), Rule.USAGES, "serverAuth, clientAuth");

        ExtensionsGenerator names = usages(CertificatePurpose.TLS);
        names.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "caricc.example")));
        assertRefused(signed("tls", pair, names), Rule.USAGES, "2.5.29.17");

        assertRefused(request(subject("UZ", "tls"), pair.getPublic(), pair.getPrivate(), "SHA256withECDSA", null),
                Optional.empty(), Rule.USAGES, "requests no key usage");
    }

    @Test
    void theCaSignsNothingForANodeWhoseKeysItMadeAndRevokesACertificateARequestReplaces() throws Exception {
        RequestPolicy.AcceptedRequest forCaricc = RequestPolicy.check(valid("CARICC", CertificatePurpose.TLS),
                "CARICC-tls.csr.pem", Optional.empty());
        assertThatThrownBy(() -> caricc.sign(forCaricc)).isInstanceOf(PkiException.class)
                .hasMessageContaining("refused CARICC-tls.csr.pem").hasMessageContaining("cannot also enrol");

        RegionalPki.Signed first = caricc.sign(RequestPolicy.check(valid("UZ", CertificatePurpose.TLS), "first",
                Optional.empty()));
        RegionalPki.Signed second = caricc.sign(RequestPolicy.check(valid("UZ", CertificatePurpose.TLS), "second",
                Optional.empty()));
        assertThat(first.replaced()).isEmpty();
        assertThat(second.replaced()).contains(first.certificate());
        RegionalPki reloaded = RegionalPki.load(caricc.directory());
        assertThat(reloaded.authority().isRevoked(first.certificate())).isTrue();
        assertThat(reloaded.authority().isRevoked(second.certificate())).isFalse();
        assertThat(reloaded.certificate("UZ", CertificatePurpose.TLS)).contains(second.certificate());
    }

    @Test
    void installRefusesCertificatesOfAnotherRequestOrAnotherRoot() throws Exception {
        MemberFolder other = MemberFolder.at(folder.resolve("other"));
        other.request("UZ", MEMBER_PASSWORD, false);
        uz.request("UZ", MEMBER_PASSWORD, false);
        List<Path> forOther = new ArrayList<>();
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            Path file = folder.resolve("other-" + purpose.alias() + ".crt.pem");
            caricc.sign(RequestPolicy.check(RequestPolicy.read(other.requestPem("UZ", purpose)), "other",
                    Optional.of("UZ"))).writeTo(file);
            forOther.add(file);
        }
        assertThatThrownBy(() -> uz.install(MEMBER_PASSWORD, forOther, caricc.caCertificatePem(), Optional.empty()))
                .hasMessageContaining("certifies another").hasMessageContaining("UZ-tls.csr.pem");

        RegionalPki stranger = RegionalPki.create(folder.resolve("stranger"), List.of("KZ"), Clock.systemUTC());
        assertThatThrownBy(() -> uz.install(MEMBER_PASSWORD, forOther, stranger.caCertificatePem(), Optional.empty()))
                .hasMessageContaining("does not chain to the root");
        assertThatThrownBy(() -> uz.install(MEMBER_PASSWORD, forOther.subList(0, 2), caricc.caCertificatePem(),
                Optional.empty())).hasMessageContaining("no encryption certificate");
        assertThatThrownBy(() -> uz.install(MEMBER_PASSWORD, forOther, caricc.caCertificatePem(),
                Optional.of(stranger.crlPem()))).hasMessageContaining("is not signed by the root");
        assertThat(uz.requestedKeystore("UZ")).isRegularFile();
        assertThat(uz.keystore("UZ")).doesNotExist();
    }

    @Test
    void aMemberFolderIsNeverTheCasFolder() {
        assertThatThrownBy(() -> MemberFolder.at(caricc.directory()).request("UZ", MEMBER_PASSWORD, false))
                .hasMessageContaining("holds the regional CA");
    }

    @Test
    void requestKeepsPendingKeysUnlessToldToReplaceThem() {
        uz.request("UZ", MEMBER_PASSWORD, false);
        assertThatThrownBy(() -> uz.request("UZ", MEMBER_PASSWORD, false))
                .hasMessageContaining("already has requests waiting").hasMessageContaining("--force");
        assertThat(uz.request("UZ", MEMBER_PASSWORD, true).keystore()).isRegularFile();
    }

    private List<Path> signAll(MemberFolder.Requested requested) {
        return signAll(new ArrayList<>(requested.requests().values()));
    }

    private List<Path> signAll(List<Path> requests) {
        List<Path> certificates = new ArrayList<>();
        for (Path file : requests) {
            RegionalPki.Signed signed = caricc.sign(RequestPolicy.check(RequestPolicy.read(file), file.toString(),
                    Optional.of("UZ")));
            Path certificate = folder.resolve(signed.request().nodeId() + "-" + signed.request().purpose().alias()
                    + ".crt.pem");
            signed.writeTo(certificate);
            certificates.add(certificate);
        }
        return certificates;
    }

    private List<Path> requestsOf(String nodeId) {
        return List.of(CertificatePurpose.values()).stream().map(purpose -> uz.requestPem(nodeId, purpose)).toList();
    }

    private static void assertRefused(PKCS10CertificationRequest request, Optional<String> node, Rule rule,
            String reason) {
        assertThatThrownBy(() -> RequestPolicy.check(request, "XX-test.csr.pem", node))
                .isInstanceOfSatisfying(RequestRefusedException.class, refused -> {
                    assertThat(refused.rule()).isEqualTo(rule);
                    assertThat(refused.request()).isEqualTo("XX-test.csr.pem");
                })
                .hasMessageStartingWith("refused XX-test.csr.pem (" + rule.label() + "): ")
                .hasMessageContaining(reason);
    }

    private static void assertRefused(PKCS10CertificationRequest request, Rule rule, String reason) {
        assertRefused(request, Optional.empty(), rule, reason);
    }

    private static PKCS10CertificationRequest signed(String purpose, KeyPair pair, ExtensionsGenerator extensions)
            throws Exception {
        return request(subject("UZ", purpose), pair.getPublic(), pair.getPrivate(), "SHA256withECDSA", extensions);
    }

    private static PKCS10CertificationRequest valid(String nodeId, CertificatePurpose purpose) throws Exception {
        KeyPair pair = ecKey("secp256r1");
        return request(subject(nodeId, purpose.alias()), pair.getPublic(), pair.getPrivate(), "SHA256withECDSA",
                usages(purpose));
    }

    private static X500Name subject(String nodeId, String purpose) {
        return new X500Name("CN=" + nodeId + ",OU=" + purpose + ",O=regional-exchange");
    }

    private static ExtensionsGenerator usages(CertificatePurpose purpose) throws Exception {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        extensions.addExtension(Extension.keyUsage, true, purpose.keyUsage());
        if (!purpose.extendedKeyUsages().isEmpty()) {
            extensions.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(purpose.extendedKeyUsages().toArray(KeyPurposeId[]::new)));
        }
        return extensions;
    }

    private static PKCS10CertificationRequest request(X500Name subject, PublicKey key, PrivateKey signer,
            String algorithm, ExtensionsGenerator extensions) throws Exception {
        JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject, key);
        if (extensions != null) {
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        }
        return builder.build(new JcaContentSignerBuilder(algorithm).build(signer));
    }

    private static KeyPair ecKey(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    /** Whether a private key belongs to a certificate's public key: a signature for signing keys, ECDH otherwise. */
    static boolean matches(PrivateKey key, PublicKey certified, CertificatePurpose purpose) throws Exception {
        if (purpose != CertificatePurpose.ENCRYPTION) {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(new byte[] {1, 2, 3});
            byte[] value = signature.sign();
            signature.initVerify(certified);
            signature.update(new byte[] {1, 2, 3});
            return signature.verify(value);
        }
        KeyPair peer = ecKey("secp256r1");
        KeyAgreement ours = KeyAgreement.getInstance("ECDH");
        ours.init(key);
        ours.doPhase(peer.getPublic(), true);
        KeyAgreement theirs = KeyAgreement.getInstance("ECDH");
        theirs.init(peer.getPrivate());
        theirs.doPhase(certified, true);
        return java.util.Arrays.equals(ours.generateSecret(), theirs.generateSecret());
    }

    private static KeyStore load(Path file, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static List<Path> files(Path directory) throws Exception {
        try (var walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
