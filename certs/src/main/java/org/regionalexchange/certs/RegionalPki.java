package org.regionalexchange.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A whole regional PKI in one folder: the root CA, every node's credentials as PKCS#12 and PEM, the truststore and
 * the current CRL. Built fresh for each test run and for the demo; nothing it writes is ever committed.
 *
 * <pre>
 * ca.crt.pem  crl.pem  crl.der  truststore.p12  keystore.pass  ca/ca.p12  ca/revoked.txt
 * KZ/node.p12  KZ/tls.p12  KZ/{tls,signing,encryption}.{crt,key}.pem   (one folder per node)
 * </pre>
 */
public final class RegionalPki {

    public static final List<String> REGION = List.of("CARICC", "KZ", "KG", "TJ", "TM", "UZ");

    private final Path directory;
    private final char[] password;
    private final CertificateAuthority authority;
    private final Map<String, NodeKeys> nodes;

    private RegionalPki(Path directory, char[] password, CertificateAuthority authority, Map<String, NodeKeys> nodes) {
        this.directory = directory;
        this.password = password;
        this.authority = authority;
        this.nodes = nodes;
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
            RegionalPki pki = new RegionalPki(directory, password, authority, new LinkedHashMap<>());
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
            try (Stream<Path> children = Files.list(directory)) {
                children.filter(child -> Files.isRegularFile(child.resolve("node.p12"))).sorted()
                        .forEach(child -> nodes.put(child.getFileName().toString(), readNode(child, password)));
            }
            return new RegionalPki(directory, password, authority, nodes);
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

    public Set<String> nodeIds() {
        return Set.copyOf(nodes.keySet());
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
        authority.revoke(node(nodeId).credential(purpose).certificate());
        return publishCrl();
    }

    /** Signs a fresh CRL, writes crl.pem and crl.der, and saves the CA state. */
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
