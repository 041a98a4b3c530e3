package org.regionalexchange.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A whole regional PKI in one folder: the root CA, every node's credentials as PKCS#12 and PEM, the truststore and
 * the current CRL. Built fresh for each test run and for the demo; nothing it writes is ever committed.
 *
 * <pre>
 * ca.crt.pem  crl.pem  crl.der  truststore.p12  keystore.pass  ca/ca.p12  ca/revoked.txt
 * KZ/node.p12  KZ/tls.p12  KZ/{tls,signing,encryption}.{crt,key}.pem   (one folder per node)
 * UZ/{tls,signing,encryption}.crt.pem   (a node enrolled by request: certificates only, its keys stay with it)
 * ca/issued.txt                         (every certificate signed for a request: serial, node, purpose, expiry)
 * </pre>
 *
 * {@code ca/revoked.txt} is the CA's state: the next CRL number, the revoked serials, and the certificates a rotation
 * replaced that are still in their overlap ({@link SupersededCertificate}).
 */
public final class RegionalPki {

    public static final List<String> REGION = List.of("CARICC", "KZ", "KG", "TJ", "TM", "UZ");

    private final Path directory;
    private final char[] password;
    private final CertificateAuthority authority;
    private final Map<String, NodeKeys> nodes;
    private final Map<String, Map<CertificatePurpose, X509Certificate>> enrolled;

    private RegionalPki(Path directory, char[] password, CertificateAuthority authority, Map<String, NodeKeys> nodes,
            Map<String, Map<CertificatePurpose, X509Certificate>> enrolled) {
        this.directory = directory;
        this.password = password;
        this.authority = authority;
        this.nodes = nodes;
        this.enrolled = enrolled;
    }

    public static RegionalPki create(Path directory) {
        return create(directory, REGION, Clock.systemUTC());
    }

    public static RegionalPki create(Path directory, Collection<String> nodeIds, Clock clock) {
        try {
            Files.createDirectories(directory);
            char[] password = randomPassword();
            Files.writeString(directory.resolve("keystore.pass"), new String(password), StandardCharsets.US_ASCII);
            PkiFiles.restrict(directory.resolve("keystore.pass"));
            CertificateAuthority authority = CertificateAuthority.createRoot("Regional Exchange Root CA", clock);
            authority.save(directory.resolve("ca"), password);
            PkiFiles.writePem(directory.resolve("ca.crt.pem"), authority.certificate());
            PkiFiles.writeTruststore(directory.resolve("truststore.p12"), password, authority.certificate());
            RegionalPki pki = new RegionalPki(directory, password, authority, new LinkedHashMap<>(),
                    new LinkedHashMap<>());
            nodeIds.forEach(pki::addNode);
            pki.publishCrl();
            return pki;
        } catch (IOException e) {
            throw new PkiException("cannot write the PKI to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Reopens a folder written by {@link #create}, e.g. to issue or revoke from a later command. */
    public static RegionalPki load(Path directory) {
        return load(directory, Clock.systemUTC());
    }

    public static RegionalPki load(Path directory, Clock clock) {
        Path passwordFile = directory.resolve("keystore.pass");
        if (!Files.isRegularFile(passwordFile)) {
            throw new PkiException("no PKI in " + directory + ": run `certs region --out " + directory + "` first");
        }
        try {
            char[] password = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray();
            CertificateAuthority authority = CertificateAuthority.load(directory.resolve("ca"), password, clock);
            Map<String, NodeKeys> nodes = new LinkedHashMap<>();
            Map<String, Map<CertificatePurpose, X509Certificate>> enrolled = new LinkedHashMap<>();
            try (Stream<Path> children = Files.list(directory)) {
                for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
                    String nodeId = child.getFileName().toString();
                    if (Files.isRegularFile(child.resolve("node.p12"))) {
                        nodes.put(nodeId, readNode(child, password));
                    } else {
                        Map<CertificatePurpose, X509Certificate> certificates = readEnrolled(child);
                        if (!certificates.isEmpty()) {
                            enrolled.put(nodeId, certificates);
                        }
                    }
                }
            }
            return new RegionalPki(directory, password, authority, nodes, enrolled);
        } catch (IOException e) {
            throw new PkiException("cannot read the PKI in " + directory + ": " + e.getMessage(), e);
        }
    }

    public CertificateAuthority authority() {
        return authority;
    }

    public NodeKeys node(String nodeId) {
        NodeKeys keys = nodes.get(nodeId);
        if (keys == null) {
            throw new IllegalArgumentException("no node " + nodeId + " in the PKI at " + directory + " (nodes: "
                    + nodes.keySet() + "): add it with `certs issue --pki " + directory + " --node " + nodeId + "`");
        }
        return keys;
    }

    /** The nodes whose keys this folder made ({@code region}, {@code issue}). */
    public Set<String> nodeIds() {
        return Set.copyOf(nodes.keySet());
    }

    /** The nodes enrolled by request: the CA holds their certificates, never their keys. */
    public Set<String> enrolledNodeIds() {
        return Set.copyOf(enrolled.keySet());
    }

    /** Every node the CA has certified, whether it made the keys or signed the node's requests. */
    public Set<String> memberIds() {
        Set<String> all = new java.util.TreeSet<>(nodes.keySet());
        all.addAll(enrolled.keySet());
        return Set.copyOf(all);
    }

    /** A node's current certificate of one purpose, made here or signed for its request; empty if it has none. */
    public Optional<X509Certificate> certificate(String nodeId, CertificatePurpose purpose) {
        NodeKeys keys = nodes.get(nodeId);
        if (keys != null) {
            return Optional.of(keys.credential(purpose).certificate());
        }
        Map<CertificatePurpose, X509Certificate> certificates = enrolled.get(nodeId);
        if (certificates == null) {
            throw new IllegalArgumentException("no node " + nodeId + " in the PKI at " + directory + " (nodes: "
                    + memberIds() + "): add it with `certs issue --pki " + directory + " --node " + nodeId
                    + "` or sign its requests with `certs sign`");
        }
        return Optional.ofNullable(certificates.get(purpose));
    }

    /**
     * Refuses a request the CA cannot take whatever its content: one for a node whose keys this folder made. Such a
     * node's keys are here, so a second set by request would leave two live certificates of the same purpose.
     */
    public void requireEnrollable(RequestPolicy.AcceptedRequest request) {
        if (nodes.containsKey(request.nodeId())) {
            throw new PkiException("refused " + request.source() + ": the keys of " + request.nodeId()
                    + " were made in " + nodes.get(request.nodeId()).directory() + " by `certs region` or `certs "
                    + "issue`, so it cannot also enrol by request; sign for a node without keys here");
        }
    }

    /**
     * Signs an accepted request and revokes at once the certificate it replaces, as {@link #sign(RequestPolicy
     * .AcceptedRequest, Duration)} with a zero overlap.
     */
    public Signed sign(RequestPolicy.AcceptedRequest request) {
        return sign(request, Duration.ZERO);
    }

    /**
     * Signs an accepted request: certifies the member's key, writes the certificate to {@code <NODE>/<purpose>.crt.pem}
     * and a line to ca/issued.txt. A certificate it replaces (the member rotated its keys) stays valid for the
     * overlap, recorded as {@link SupersededCertificate superseded}, and the first CRL published after the overlap
     * lists it; with a zero overlap it is revoked now. Either way a new CRL is published when a certificate was
     * replaced.
     *
     * @param overlap how long a replaced certificate stays valid: long enough for the member to install the new
     *     certificates and for every sender to learn the new encryption certificate; zero when the old key is
     *     compromised or lost
     * @return the issued certificate and the one it replaced, if any
     */
    public synchronized Signed sign(RequestPolicy.AcceptedRequest request, Duration overlap) {
        if (overlap.isNegative()) {
            throw new PkiException("the overlap " + overlap + " is negative: give a duration such as P7D, or PT0S to "
                    + "revoke the replaced certificates at once");
        }
        requireEnrollable(request);
        Path nodeDir = directory.resolve(request.nodeId());
        X509Certificate issued = authority.certify(request.nodeId(), request.purpose(), request.publicKey());
        try {
            Files.createDirectories(nodeDir);
            Files.writeString(directory.resolve("ca").resolve("issued.txt"), issued.getSerialNumber().toString(16)
                    + ' ' + request.nodeId() + ' ' + request.purpose().alias() + ' '
                    + issued.getNotAfter().toInstant() + '\n', StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new PkiException("cannot record the certificate of " + request.nodeId() + " in " + directory + ": "
                    + e.getMessage(), e);
        }
        PkiFiles.writePem(nodeDir.resolve(request.purpose().alias() + ".crt.pem"), issued);
        X509Certificate replaced = enrolled.computeIfAbsent(request.nodeId(),
                id -> new EnumMap<>(CertificatePurpose.class)).put(request.purpose(), issued);
        Optional<Instant> overlapEnds = Optional.empty();
        if (replaced != null && !authority.isRevoked(replaced)) {
            overlapEnds = authority.replace(replaced, request.nodeId(), request.purpose(), overlap)
                    .map(SupersededCertificate::overlapEnds);
            publishCrl();
        } else {
            authority.save(directory.resolve("ca"), password);
        }
        return new Signed(request, issued, Optional.ofNullable(replaced), overlapEnds);
    }

    /**
     * A certificate signed for a request, and the earlier one of the same node and purpose it replaced.
     *
     * @param overlapEnds until when the replaced certificate stays valid; empty if it was revoked at once (or there
     *     was none)
     */
    public record Signed(RequestPolicy.AcceptedRequest request, X509Certificate certificate,
            Optional<X509Certificate> replaced, Optional<Instant> overlapEnds) {

        /** Writes the certificate as PEM, for the member to install. */
        public void writeTo(Path file) {
            PkiFiles.writePem(file, certificate);
        }
    }

    /** Issues a new node's three credentials and writes its files; an existing node's keys are replaced. */
    public synchronized NodeKeys addNode(String nodeId) {
        NodeIds.requireValid(nodeId);
        Path nodeDir = directory.resolve(nodeId);
        try {
            Files.createDirectories(nodeDir);
        } catch (IOException e) {
            throw new PkiException("cannot create " + nodeDir + ": " + e.getMessage(), e);
        }
        IssuedCredential tls = authority.issue(nodeId, CertificatePurpose.TLS);
        IssuedCredential signing = authority.issue(nodeId, CertificatePurpose.SIGNING);
        IssuedCredential encryption = authority.issue(nodeId, CertificatePurpose.ENCRYPTION);
        NodeKeys keys = new NodeKeys(nodeId, tls, signing, encryption, nodeDir, nodeDir.resolve("node.p12"),
                nodeDir.resolve("tls.p12"));
        PkiFiles.writeKeystore(keys.keystore(), password, List.of(tls, signing, encryption));
        PkiFiles.writeKeystore(keys.tlsKeystore(), password, List.of(tls));
        for (IssuedCredential credential : List.of(tls, signing, encryption)) {
            PkiFiles.writePem(keys.certificatePem(credential.purpose()), credential.certificate());
            PkiFiles.writePem(keys.privateKeyPem(credential.purpose()), credential.privateKey());
        }
        nodes.put(nodeId, keys);
        authority.save(directory.resolve("ca"), password);
        return keys;
    }

    /** Revokes one of a node's certificates and publishes the new CRL. */
    public synchronized X509CRL revoke(String nodeId, CertificatePurpose purpose) {
        X509Certificate certificate = certificate(nodeId, purpose).orElseThrow(() -> new IllegalArgumentException(
                nodeId + " has no " + purpose.alias() + " certificate in " + directory + ": nothing to revoke"));
        authority.revoke(certificate);
        return publishCrl();
    }

    /**
     * Signs a fresh CRL, writes crl.pem and crl.der, and saves the CA state. Superseded certificates whose overlap has
     * ended are revoked first ({@link CertificateAuthority#currentCrl()}), so this CRL lists them.
     */
    public synchronized X509CRL publishCrl() {
        X509CRL crl = authority.currentCrl();
        PkiFiles.writeCrl(directory, crl);
        authority.save(directory.resolve("ca"), password);
        return crl;
    }

    public Path directory() {
        return directory;
    }

    public Path truststore() {
        return directory.resolve("truststore.p12");
    }

    public Path caCertificatePem() {
        return directory.resolve("ca.crt.pem");
    }

    public Path crlPem() {
        return directory.resolve("crl.pem");
    }

    public char[] password() {
        return password.clone();
    }

    private static NodeKeys readNode(Path nodeDir, char[] password) {
        String nodeId = nodeDir.getFileName().toString();
        KeyStore store = PkiFiles.readKeystore(nodeDir.resolve("node.p12"), password);
        return new NodeKeys(nodeId, credential(store, nodeId, CertificatePurpose.TLS, password),
                credential(store, nodeId, CertificatePurpose.SIGNING, password),
                credential(store, nodeId, CertificatePurpose.ENCRYPTION, password),
                nodeDir, nodeDir.resolve("node.p12"), nodeDir.resolve("tls.p12"));
    }

    private static Map<CertificatePurpose, X509Certificate> readEnrolled(Path nodeDir) {
        Map<CertificatePurpose, X509Certificate> certificates = new EnumMap<>(CertificatePurpose.class);
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            Path file = nodeDir.resolve(purpose.alias() + ".crt.pem");
            if (Files.isRegularFile(file)) {
                certificates.put(purpose, PkiFiles.readCertificate(file));
            }
        }
        return certificates;
    }

    private static IssuedCredential credential(KeyStore store, String nodeId, CertificatePurpose purpose,
            char[] password) {
        try {
            PrivateKey key = (PrivateKey) store.getKey(purpose.alias(), password);
            Certificate[] chain = store.getCertificateChain(purpose.alias());
            if (key == null || chain == null) {
                throw new PkiException("keystore of " + nodeId + " has no " + purpose.alias() + " entry");
            }
            List<X509Certificate> certificates = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
            return new IssuedCredential(nodeId, purpose, key, certificates.get(0), certificates);
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot read the " + purpose.alias() + " key of " + nodeId, e);
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toCharArray();
    }
}
