package org.regionalexchange.certs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The regional root CA: issues node certificates and publishes the revocation list. ECDSA P-256 throughout, the one
 * suite that both Bouncy Castle and OpenSSL 3.0 handle for TLS 1.3, CMS signatures and CMS key agreement.
 * Time comes from the injected clock so tests can issue certificates that are already expired.
 *
 * <p>Its state beside the key, {@code ca/revoked.txt}, holds the next CRL number, every revoked serial (with the
 * time and, for a certificate whose rotation overlap ended, the reason superseded) and the certificates still in a
 * rotation overlap ({@link SupersededCertificate}).
 */
public final class CertificateAuthority {

    /** SAN URI prefix that carries a node id; the subject CN carries it too. */
    public static final String NODE_URI_PREFIX = "urn:regional-exchange:node:";

    static final String ORGANISATION = "regional-exchange";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
    private static final Duration NODE_VALIDITY = Duration.ofDays(730);
    private static final Duration CRL_VALIDITY = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Clock clock;
    private final Map<BigInteger, Revocation> revoked;
    private final Map<BigInteger, SupersededCertificate> superseded;
    private long crlNumber;

    /** When a certificate was revoked and why ({@link CRLReason}), as its CRL entry states it. */
    private record Revocation(Instant at, int reason) {}

    private CertificateAuthority(PrivateKey key, X509Certificate certificate, Clock clock,
            Map<BigInteger, Revocation> revoked, Map<BigInteger, SupersededCertificate> superseded, long crlNumber) {
        this.key = key;
        this.certificate = certificate;
        this.clock = clock;
        this.revoked = new LinkedHashMap<>(revoked);
        this.superseded = new LinkedHashMap<>(superseded);
        this.crlNumber = crlNumber;
    }

    public static CertificateAuthority createRoot(String commonName, Clock clock) {
        KeyPair pair = newKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName).addRDN(BCStyle.O, ORGANISATION).build();
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(ROOT_VALIDITY)), name,
                    pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate root = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(signer(pair.getPrivate())));
            return new CertificateAuthority(pair.getPrivate(), root, clock, Map.of(), Map.of(), 1);
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("cannot create the regional root CA: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public IssuedCredential issue(String nodeId, CertificatePurpose purpose) {
        Instant now = clock.instant();
        return issue(nodeId, purpose, now.minus(Duration.ofHours(1)), now.plus(NODE_VALIDITY));
    }

    public IssuedCredential issue(String nodeId, CertificatePurpose purpose, Instant notBefore, Instant notAfter) {
        NodeIds.requireValid(nodeId);
        KeyPair pair = newKeyPair();
        X509Certificate issued = certify(nodeId, purpose, pair.getPublic(), notBefore, notAfter);
        return new IssuedCredential(nodeId, purpose, pair.getPrivate(), issued, List.of(issued, certificate));
    }

    /**
     * Certifies a key the node made itself, from a request {@link RequestPolicy} accepted: the same subject,
     * names, usages and validity as {@link #issue(String, CertificatePurpose)}, without the CA ever seeing the
     * private key.
     */
    public X509Certificate certify(String nodeId, CertificatePurpose purpose, PublicKey publicKey) {
        Instant now = clock.instant();
        return certify(nodeId, purpose, publicKey, now.minus(Duration.ofHours(1)), now.plus(NODE_VALIDITY));
    }

    private X509Certificate certify(String nodeId, CertificatePurpose purpose, PublicKey publicKey,
            Instant notBefore, Instant notAfter) {
        NodeIds.requireValid(nodeId);
        X500Name subject = nodeSubject(nodeId, purpose);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(notBefore), Date.from(notAfter), subject, publicKey);
            addNodeExtensions(builder, nodeId, purpose, publicKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("cannot issue the " + purpose.alias() + " certificate of " + nodeId, e);
        }
    }

    /** CN=node, OU=purpose, O=regional-exchange: the subject of node certificates and of requests for them. */
    static X500Name nodeSubject(String nodeId, CertificatePurpose purpose) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, nodeId)
                .addRDN(BCStyle.OU, purpose.alias()).addRDN(BCStyle.O, ORGANISATION).build();
    }

    private void addNodeExtensions(X509v3CertificateBuilder builder, String nodeId, CertificatePurpose purpose,
            PublicKey publicKey) throws IOException, GeneralSecurityException {
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(certificate));
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.uniformResourceIdentifier, NODE_URI_PREFIX + nodeId));
        builder.addExtension(Extension.keyUsage, true, purpose.keyUsage());
        if (!purpose.extendedKeyUsages().isEmpty()) {
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(purpose.extendedKeyUsages().toArray(KeyPurposeId[]::new)));
        }
        if (purpose == CertificatePurpose.TLS) {
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        }
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(names.toArray(GeneralName[]::new)));
    }

    /**
     * Revokes a certificate from now on (reason keyCompromise), ending any rotation overlap it was in; publish with
     * {@link #currentCrl()}.
     */
    public synchronized void revoke(X509Certificate revokedCertificate) {
        superseded.remove(revokedCertificate.getSerialNumber());
        revoked.putIfAbsent(revokedCertificate.getSerialNumber(),
                new Revocation(clock.instant(), CRLReason.keyCompromise));
    }

    /**
     * Records that a key rotation replaced a node's certificate. With a positive overlap the certificate stays valid
     * until now plus the overlap, as {@link SupersededCertificate superseded}, and the first CRL signed after that
     * lists it (reason superseded); with a zero overlap it is revoked now, as by {@link #revoke}. A member keeps one
     * previous key per purpose, so an earlier superseded certificate of the same node and purpose still in its
     * overlap is revoked now either way.
     *
     * @param overlap zero or positive
     * @return the overlap the replaced certificate is in; empty if it was revoked now
     */
    public synchronized Optional<SupersededCertificate> replace(X509Certificate replaced, String nodeId,
            CertificatePurpose purpose, Duration overlap) {
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("a rotation overlap cannot be negative (" + overlap + ")");
        }
        Instant now = clock.instant();
        List<SupersededCertificate> earlier = superseded.values().stream()
                .filter(entry -> entry.nodeId().equals(nodeId) && entry.purpose() == purpose).toList();
        for (SupersededCertificate entry : earlier) {
            superseded.remove(entry.serial());
            revoked.putIfAbsent(entry.serial(), new Revocation(now, CRLReason.superseded));
        }
        if (overlap.isZero()) {
            revoke(replaced);
            return Optional.empty();
        }
        SupersededCertificate entry = new SupersededCertificate(replaced.getSerialNumber(), nodeId, purpose,
                now.plus(overlap));
        superseded.put(entry.serial(), entry);
        return Optional.of(entry);
    }

    /** The certificates still in a rotation overlap: valid, and not on any CRL yet. */
    public synchronized List<SupersededCertificate> superseded() {
        return List.copyOf(superseded.values());
    }

    public synchronized boolean isRevoked(X509Certificate candidate) {
        return revoked.containsKey(candidate.getSerialNumber());
    }

    /**
     * A freshly signed CRL with every revoked serial; each call has a higher CRL number. Superseded certificates
     * whose overlap has ended are revoked first, dated when their overlap ended, so every CRL signed after an overlap
     * lists the certificate it covered.
     */
    public synchronized X509CRL currentCrl() {
        Instant now = clock.instant();
        endOverlaps(now);
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate, Date.from(now))
                    .setNextUpdate(Date.from(now.plus(CRL_VALIDITY)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber++)));
            revoked.forEach((serial, revocation) -> builder.addCRLEntry(serial, Date.from(revocation.at()),
                    revocation.reason()));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(key)));
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("cannot sign the revocation list: " + e.getMessage(), e);
        }
    }

    private void endOverlaps(Instant now) {
        List<SupersededCertificate> ended = superseded.values().stream()
                .filter(entry -> entry.overlapEndedAt(now)).toList();
        for (SupersededCertificate entry : ended) {
            superseded.remove(entry.serial());
            revoked.putIfAbsent(entry.serial(), new Revocation(entry.overlapEnds(), CRLReason.superseded));
        }
    }

    /**
     * Writes the root key (PKCS#12, encrypted) and the state into a folder: the next CRL number, the revoked serials
     * ({@code <serial hex> <epoch millis>}, followed by {@code superseded} when that is the reason) and the
     * certificates still in a rotation overlap ({@link SupersededCertificate}).
     */
    public synchronized void save(Path directory, char[] password) {
        try {
            Files.createDirectories(directory);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("regional-root", key, password, new X509Certificate[] {certificate});
            try (OutputStream out = Files.newOutputStream(directory.resolve("ca.p12"))) {
                store.store(out, password);
            }
            PkiFiles.restrict(directory.resolve("ca.p12"));
            StringBuilder lines = new StringBuilder("next-crl-number " + crlNumber + "\n");
            revoked.forEach((serial, revocation) -> lines.append(serial.toString(16)).append(' ')
                    .append(revocation.at().toEpochMilli())
                    .append(revocation.reason() == CRLReason.superseded ? " " + SupersededCertificate.KEYWORD : "")
                    .append('\n'));
            superseded.values().forEach(entry -> lines.append(entry.stateLine()).append('\n'));
            Files.writeString(directory.resolve("revoked.txt"), lines, StandardCharsets.UTF_8);
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("cannot save the CA to " + directory + ": " + e.getMessage(), e);
        }
    }

    public static CertificateAuthority load(Path directory, char[] password, Clock clock) {
        Path keystore = directory.resolve("ca.p12");
        if (!Files.isRegularFile(keystore)) {
            throw new PkiException("no CA in " + directory + ": run `certs region --out DIR` first");
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            PrivateKey key = (PrivateKey) store.getKey("regional-root", password);
            X509Certificate root = (X509Certificate) store.getCertificate("regional-root");
            Map<BigInteger, Revocation> revoked = new LinkedHashMap<>();
            Map<BigInteger, SupersededCertificate> superseded = new LinkedHashMap<>();
            long next = 1;
            for (String line : Files.readAllLines(directory.resolve("revoked.txt"), StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                Optional<SupersededCertificate> overlap = SupersededCertificate.fromStateLine(line);
                if (parts[0].equals("next-crl-number")) {
                    next = Long.parseLong(parts[1]);
                } else if (overlap.isPresent()) {
                    superseded.put(overlap.get().serial(), overlap.get());
                } else if (parts.length == 2 || parts.length == 3 && parts[2].equals(SupersededCertificate.KEYWORD)) {
                    revoked.put(new BigInteger(parts[0], 16), new Revocation(
                            Instant.ofEpochMilli(Long.parseLong(parts[1])),
                            parts.length == 3 ? CRLReason.superseded : CRLReason.keyCompromise));
                }
            }
            return new CertificateAuthority(key, root, clock, revoked, superseded, next);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new PkiException("cannot load the CA from " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A fresh EC P-256 key pair, the one key type every purpose uses. */
    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("EC P-256 is not available in this Java runtime", e);
        }
    }

    static ContentSigner signer(PrivateKey signingKey) {
        try {
            return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signingKey);
        } catch (OperatorCreationException e) {
            throw new PkiException("cannot sign with " + SIGNATURE_ALGORITHM, e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
