package org.regionalexchange.certs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A member's own PKI folder, on the member's machine: the node's private keys are made here, stay here, and are
 * protected by the member's password; CARICC only ever sees the certificate requests and sends back certificates.
 * Once installed the folder is what {@code node.pki.dir} points at:
 *
 * <pre>
 * UZ-tls.csr.pem  UZ-signing.csr.pem  UZ-encryption.csr.pem   requests to send to CARICC
 * UZ/requested.p12                                            the requests' keys, until their certificates are installed
 * UZ/node.p12  UZ/tls.p12  UZ/{tls,signing,encryption}.crt.pem   after install: the node's keystores
 * ca.crt.pem  truststore.p12  crl.pem                         after install: the regional root and its CRL
 * </pre>
 *
 * <p>A key rotation is the same three steps on a folder that has installed keys: {@code request} makes the new keys
 * beside the installed ones, which the node keeps using; {@code install} replaces them, keeping the replaced
 * encryption key in node.p12 as {@value #PREVIOUS_ENCRYPTION_ALIAS} so that messages sealed for the old encryption
 * certificate during the CA's overlap still open.
 */
public final class MemberFolder {

    /** The keystore holding the keys of requests whose certificates are not installed yet. */
    public static final String REQUESTED_KEYSTORE = "requested.p12";

    /**
     * The node.p12 alias of the encryption key a rotation replaced: kept (one, the latest) so that messages other
     * members sealed for the old encryption certificate before they learned the new one still open.
     */
    public static final String PREVIOUS_ENCRYPTION_ALIAS = "encryption-previous";

    private final Path directory;
    private final Clock clock;

    public MemberFolder(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    public static MemberFolder at(Path directory) {
        return new MemberFolder(directory, Clock.systemUTC());
    }

    /**
     * The files {@link #request} wrote: the pending keystore and one request per purpose.
     *
     * @param rotates the installed keystore whose keys these requests will replace on install (a rotation); empty for
     *     a first enrolment
     */
    public record Requested(String nodeId, Path keystore, Map<CertificatePurpose, Path> requests,
            Optional<Path> rotates) {}

    /**
     * What {@link #install} wrote, ready for a node started with {@code node.pki.dir} on this folder.
     *
     * @param previousEncryption the encryption certificate a rotation replaced, whose key node.p12 keeps as
     *     {@value #PREVIOUS_ENCRYPTION_ALIAS}; empty for a first install
     */
    public record Installed(String nodeId, Path keystore, Path tlsKeystore, Path truststore, Path caCertificate,
            Optional<Path> crl, Map<CertificatePurpose, X509Certificate> certificates,
            Optional<X509Certificate> previousEncryption) {}

    public Path directory() {
        return directory;
    }

    public Path requestedKeystore(String nodeId) {
        return directory.resolve(nodeId).resolve(REQUESTED_KEYSTORE);
    }

    /** {@code UZ-tls.csr.pem}: named by node and purpose, so CARICC can keep many members' requests side by side. */
    public Path requestPem(String nodeId, CertificatePurpose purpose) {
        return directory.resolve(nodeId + "-" + purpose.alias() + ".csr.pem");
    }

    public Path keystore(String nodeId) {
        return directory.resolve(nodeId).resolve("node.p12");
    }

    public Path tlsKeystore(String nodeId) {
        return directory.resolve(nodeId).resolve("tls.p12");
    }

    public Path certificatePem(String nodeId, CertificatePurpose purpose) {
        return directory.resolve(nodeId).resolve(purpose.alias() + ".crt.pem");
    }

    public Path caCertificatePem() {
        return directory.resolve("ca.crt.pem");
    }

    public Path truststore() {
        return directory.resolve("truststore.p12");
    }

    public Path crlPem() {
        return directory.resolve("crl.pem");
    }

    /**
     * Makes the node's three key pairs (EC P-256, as the CA's own) and a signed request for each. The private keys go
     * only into {@code <NODE>/requested.p12} under the member's password. On a folder with installed keys this starts
     * a rotation: node.p12 is only read, to check that the password opens it (install puts old and new keys in it
     * together), and the node keeps using it until {@link #install}.
     *
     * @param replacePending whether to discard keys of earlier requests not installed yet (never installed keys)
     */
    public Requested request(String nodeId, char[] password, boolean replacePending) {
        NodeIds.requireValid(nodeId);
        refuseCaFolder("make the member's keys");
        Path keystore = requestedKeystore(nodeId);
        Optional<Path> rotates = Optional.of(keystore(nodeId)).filter(Files::isRegularFile);
        if (Files.exists(keystore) && !replacePending) {
            throw new PkiException(nodeId + " already has requests waiting in " + keystore + " (their keys are only "
                    + "there): install their certificates with `certs install`, or pass --force to discard those "
                    + "keys and make new requests" + rotates.map(installed -> " (the installed keys in " + installed
                    + " are kept either way)").orElse(""));
        }
        rotates.ifPresent(installed -> requireOpens(installed, password, nodeId));
        try {
            Files.createDirectories(keystore.getParent());
        } catch (IOException e) {
            throw new PkiException("cannot create " + keystore.getParent() + ": " + e.getMessage(), e);
        }
        Map<String, KeyStore.PrivateKeyEntry> entries = new LinkedHashMap<>();
        Map<CertificatePurpose, PKCS10CertificationRequest> requests = new EnumMap<>(CertificatePurpose.class);
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            KeyPair pair = CertificateAuthority.newKeyPair();
            requests.put(purpose, certificationRequest(nodeId, purpose, pair));
            entries.put(purpose.alias(), new KeyStore.PrivateKeyEntry(pair.getPrivate(),
                    new Certificate[] {placeholder(nodeId, purpose, pair)}));
        }
        PkiFiles.writeKeyEntries(keystore, password, entries);
        Map<CertificatePurpose, Path> written = new EnumMap<>(CertificatePurpose.class);
        requests.forEach((purpose, request) -> {
            Path file = requestPem(nodeId, purpose);
            PkiFiles.writePem(file, request);
            written.put(purpose, file);
        });
        return new Requested(nodeId, keystore, written, rotates);
    }

    /** A rotation's keys go under the installed keys' password: install writes both into the one node.p12. */
    private static void requireOpens(Path installed, char[] password, String nodeId) {
        try {
            PkiFiles.readKeystore(installed, password);
        } catch (PkiException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new PkiException("the password does not open the installed keys of " + nodeId + " in " + installed
                    + " (" + reason + "): a rotation's new keys must be under the same password, since install "
                    + "keeps the replaced encryption key beside them; give the password of node.p12", e);
        }
    }

    /** A request as {@link RequestPolicy} accepts it: subject CN=node, OU=purpose; exactly the purpose's usages. */
    static PKCS10CertificationRequest certificationRequest(String nodeId, CertificatePurpose purpose, KeyPair pair) {
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            extensions.addExtension(Extension.keyUsage, true, purpose.keyUsage());
            if (!purpose.extendedKeyUsages().isEmpty()) {
                extensions.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purpose.extendedKeyUsages().toArray(KeyPurposeId[]::new)));
            }
            return new JcaPKCS10CertificationRequestBuilder(CertificateAuthority.nodeSubject(nodeId, purpose),
                    pair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(CertificateAuthority.signer(pair.getPrivate()));
        } catch (IOException e) {
            throw new PkiException("cannot make the " + purpose.alias() + " request of " + nodeId, e);
        }
    }

    /**
     * A self-signed stand-in: PKCS#12 keeps a private key only with a certificate. It is replaced by the CA's
     * certificate on install and never leaves the folder.
     */
    private X509Certificate placeholder(String nodeId, CertificatePurpose purpose, KeyPair pair) {
        Instant now = clock.instant();
        X500Name subject = CertificateAuthority.nodeSubject(nodeId, purpose);
        try {
            return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
                    java.math.BigInteger.valueOf(now.toEpochMilli()), Date.from(now),
                    Date.from(now.plus(Duration.ofDays(30))), subject, pair.getPublic())
                    .build(CertificateAuthority.signer(pair.getPrivate())));
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot keep the " + purpose.alias() + " key of " + nodeId + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Puts certificates CARICC issued for this folder's requests together with their keys: each must chain to the
     * given regional root and certify a key in {@code <NODE>/requested.p12}; all three purposes are installed at
     * once. Writes node.p12, tls.p12, the certificates as PEM, ca.crt.pem, truststore.p12 and, when given, the CRL
     * (checked to be signed by the root); then removes requested.p12, whose keys now live in node.p12. When this
     * replaces installed keys (a rotation), node.p12 keeps the replaced encryption key as
     * {@value #PREVIOUS_ENCRYPTION_ALIAS}, instead of any kept from an earlier rotation; the replaced tls and signing
     * keys are dropped, since their certificates stay valid at the receivers without them until the CA revokes them.
     */
    public Installed install(char[] password, List<Path> certificateFiles, Path rootFile, Optional<Path> crlFile) {
        refuseCaFolder("install a member's keys");
        X509Certificate root = root(rootFile);
        Map<CertificatePurpose, X509Certificate> issued = new EnumMap<>(CertificatePurpose.class);
        Map<CertificatePurpose, Path> sources = new EnumMap<>(CertificatePurpose.class);
        String nodeId = null;
        for (Path file : certificateFiles) {
            X509Certificate certificate = PkiFiles.readCertificate(file);
            requireIssuedBy(certificate, root, file, rootFile);
            String certifiedNode = subjectValue(certificate, BCStyle.CN, file);
            if (nodeId != null && !nodeId.equals(certifiedNode)) {
                throw new PkiException(file + " is for node " + certifiedNode + ", the other certificates for "
                        + nodeId + ": install one node's certificates at a time");
            }
            nodeId = certifiedNode;
            CertificatePurpose purpose = purposeOf(certificate, file);
            if (sources.containsKey(purpose)) {
                throw new PkiException(file + " and " + sources.get(purpose) + " are both " + purpose.alias()
                        + " certificates: give one of each purpose");
            }
            issued.put(purpose, certificate);
            sources.put(purpose, file);
        }
        if (nodeId == null) {
            throw new PkiException("no certificates given: pass the three files CARICC sent with --certificates");
        }
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            if (!issued.containsKey(purpose)) {
                throw new PkiException("no " + purpose.alias() + " certificate among " + certificateFiles
                        + ": install the tls, signing and encryption certificates of " + nodeId + " together");
            }
        }
        Optional<X509CRL> crl = crlFile.map(file -> crl(file, root, rootFile));
        Map<CertificatePurpose, PrivateKey> keys = matchingKeys(nodeId, password, issued, sources);
        Optional<KeyStore.PrivateKeyEntry> previous = replacedEncryption(nodeId, password,
                issued.get(CertificatePurpose.ENCRYPTION));

        Map<String, KeyStore.PrivateKeyEntry> entries = new LinkedHashMap<>();
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            entries.put(purpose.alias(), new KeyStore.PrivateKeyEntry(keys.get(purpose),
                    new Certificate[] {issued.get(purpose), root}));
        }
        previous.ifPresent(entry -> entries.put(PREVIOUS_ENCRYPTION_ALIAS, entry));
        PkiFiles.writeKeyEntries(keystore(nodeId), password, entries);
        PkiFiles.writeKeyEntries(tlsKeystore(nodeId), password,
                Map.of(CertificatePurpose.TLS.alias(), entries.get(CertificatePurpose.TLS.alias())));
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            PkiFiles.writePem(certificatePem(nodeId, purpose), issued.get(purpose));
        }
        PkiFiles.writePem(caCertificatePem(), root);
        PkiFiles.writeTruststore(truststore(), password, root);
        crl.ifPresent(list -> PkiFiles.writeCrl(directory, list));
        try {
            Files.delete(requestedKeystore(nodeId));
        } catch (IOException e) {
            throw new PkiException("installed " + nodeId + " but cannot remove " + requestedKeystore(nodeId)
                    + " (its keys are now in node.p12): remove it by hand", e);
        }
        return new Installed(nodeId, keystore(nodeId), tlsKeystore(nodeId), truststore(), caCertificatePem(),
                crl.map(list -> crlPem()), issued,
                previous.map(entry -> (X509Certificate) entry.getCertificate()));
    }

    /**
     * The encryption key of the installed node.p12 that this install replaces, to keep beside the new one; empty
     * on a first install. If node.p12 already holds the new key (an install interrupted after writing it), the key
     * kept then is kept again.
     */
    private Optional<KeyStore.PrivateKeyEntry> replacedEncryption(String nodeId, char[] password,
            X509Certificate next) {
        Path installed = keystore(nodeId);
        if (!Files.isRegularFile(installed)) {
            return Optional.empty();
        }
        KeyStore store;
        try {
            store = PkiFiles.readKeystore(installed, password);
        } catch (PkiException e) {
            throw new PkiException("cannot open the installed keys of " + nodeId + " in " + installed + " to keep "
                    + "the replaced encryption key: install with the password of node.p12, the one the new keys "
                    + "were requested under", e);
        }
        try {
            KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password);
            if (!(store.getEntry(CertificatePurpose.ENCRYPTION.alias(), protection)
                    instanceof KeyStore.PrivateKeyEntry current)) {
                return Optional.empty();
            }
            if (!Arrays.equals(current.getCertificate().getPublicKey().getEncoded(),
                    next.getPublicKey().getEncoded())) {
                return Optional.of(current);
            }
            return store.getEntry(PREVIOUS_ENCRYPTION_ALIAS, protection) instanceof KeyStore.PrivateKeyEntry kept
                    ? Optional.of(kept) : Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot read the installed encryption key in " + installed + ": "
                    + e.getMessage(), e);
        }
    }

    private Map<CertificatePurpose, PrivateKey> matchingKeys(String nodeId, char[] password,
            Map<CertificatePurpose, X509Certificate> issued, Map<CertificatePurpose, Path> sources) {
        Path pending = requestedKeystore(nodeId);
        if (!Files.isRegularFile(pending)) {
            throw new PkiException("no requests of " + nodeId + " waiting in " + directory + " (no " + pending
                    + "): install in the folder where `certs request --node " + nodeId + "` made the keys");
        }
        KeyStore store = PkiFiles.readKeystore(pending, password);
        Map<CertificatePurpose, PrivateKey> keys = new EnumMap<>(CertificatePurpose.class);
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            try {
                PrivateKey key = (PrivateKey) store.getKey(purpose.alias(), password);
                Certificate requested = store.getCertificate(purpose.alias());
                if (key == null || requested == null) {
                    throw new PkiException(pending + " has no " + purpose.alias() + " key: make new requests with "
                            + "`certs request --node " + nodeId + " --force`");
                }
                if (!Arrays.equals(requested.getPublicKey().getEncoded(),
                        issued.get(purpose).getPublicKey().getEncoded())) {
                    throw new PkiException(sources.get(purpose) + " certifies another " + purpose.alias()
                            + " key than the one " + nodeId + " requested in this folder: it answers an older or "
                            + "another member's request; ask CARICC to sign " + requestPem(nodeId, purpose)
                            .getFileName());
                }
                keys.put(purpose, key);
            } catch (GeneralSecurityException e) {
                throw new PkiException("cannot read the " + purpose.alias() + " key in " + pending + ": "
                        + e.getMessage(), e);
            }
        }
        return keys;
    }

    private X509Certificate root(Path rootFile) {
        X509Certificate root = PkiFiles.readCertificate(rootFile);
        try {
            root.verify(root.getPublicKey());
            root.checkValidity(Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            throw new PkiException(rootFile + " is not a valid self-signed root certificate (" + e.getMessage()
                    + "): pass the regional root ca.crt.pem CARICC publishes", e);
        }
        if (root.getBasicConstraints() < 0) {
            throw new PkiException(rootFile + " is not a CA certificate: pass the regional root ca.crt.pem");
        }
        return root;
    }

    private void requireIssuedBy(X509Certificate certificate, X509Certificate root, Path file, Path rootFile) {
        try {
            if (!certificate.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
                throw new GeneralSecurityException("issuer is " + certificate.getIssuerX500Principal());
            }
            certificate.verify(root.getPublicKey());
            certificate.checkValidity(Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            throw new PkiException(file + " does not chain to the root in " + rootFile + " (" + e.getMessage()
                    + "): install only certificates the regional CA issued and are valid now", e);
        }
        if (certificate.getBasicConstraints() >= 0) {
            throw new PkiException(file + " is a CA certificate, not a node certificate");
        }
    }

    private static CertificatePurpose purposeOf(X509Certificate certificate, Path file) {
        String purpose = subjectValue(certificate, BCStyle.OU, file);
        try {
            return CertificatePurpose.fromAlias(purpose);
        } catch (IllegalArgumentException e) {
            throw new PkiException(file + ": " + e.getMessage(), e);
        }
    }

    private static String subjectValue(X509Certificate certificate, org.bouncycastle.asn1.ASN1ObjectIdentifier type,
            Path file) {
        try {
            var values = new JcaX509CertificateHolder(certificate).getSubject().getRDNs(type);
            if (values.length != 1) {
                throw new PkiException(file + " is not a node certificate: its subject "
                        + certificate.getSubjectX500Principal() + " needs one " + BCStyle.INSTANCE
                        .oidToDisplayName(type));
            }
            return IETFUtils.valueToString(values[0].getFirst().getValue());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new PkiException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private X509CRL crl(Path file, X509Certificate root, Path rootFile) {
        X509CRL crl = PkiFiles.readCrl(file);
        try {
            crl.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new PkiException(file + " is not signed by the root in " + rootFile + ": pass the crl.pem "
                    + "CARICC publishes", e);
        }
        return crl;
    }

    /** A member folder never holds the regional CA: the CA's key stays with CARICC. */
    private void refuseCaFolder(String action) {
        if (Files.exists(directory.resolve("ca").resolve("ca.p12"))) {
            throw new PkiException(directory + " holds the regional CA (ca/ca.p12): " + action
                    + " in a folder of the member's own, e.g. --dir /etc/regional-exchange/pki");
        }
    }

    /** The members' node ids with installed or requested keys here; a member's folder should hold only its own. */
    public List<String> nodeIds() {
        List<String> ids = new ArrayList<>();
        try (var children = Files.list(directory)) {
            children.filter(child -> Files.isRegularFile(child.resolve("node.p12"))
                    || Files.isRegularFile(child.resolve(REQUESTED_KEYSTORE)))
                    .map(child -> child.getFileName().toString()).sorted().forEach(ids::add);
        } catch (IOException e) {
            throw new PkiException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        return ids;
    }
}
