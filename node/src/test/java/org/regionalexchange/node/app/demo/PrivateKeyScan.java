package org.regionalexchange.node.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.regionalexchange.node.trust.NodeIdentity;

/**
 * Whose private keys a node's PKI folder holds: every PKCS#12 key entry and every PEM private key under it, each
 * matched (by a signature its key makes and a certificate's public key verifies) to a certificate in the folder,
 * whose SAN URI {@code urn:regional-exchange:node:<ID>} names the key's owner. A node's own folder must hold only its
 * own keys: one of another member would let whoever reads the folder sign or decrypt as that member.
 */
final class PrivateKeyScan {

    /** A private key found and the node it belongs to, or why its owner could not be told. */
    record Key(Path file, String entry, Optional<String> owner, String problem) {}

    /** What a scan found. */
    record Result(String node, List<Key> keys) {

        /** The keys that are not the node's own, or whose owner could not be told, one line each. */
        List<String> foreign() {
            return keys.stream().filter(key -> !key.owner().equals(Optional.of(node)))
                    .map(key -> key.file() + (key.entry().isEmpty() ? "" : " entry " + key.entry()) + ": "
                            + key.owner().map(owner -> "a private key of " + owner + ", not of " + node)
                            .orElse(key.problem()))
                    .toList();
        }

        long own() {
            return keys.stream().filter(key -> key.owner().equals(Optional.of(node))).count();
        }
    }

    private PrivateKeyScan() {}

    /**
     * Scans a node's folder.
     *
     * @param password the node's keystore password: a keystore it does not open counts as a key of unknown owner
     */
    static Result scan(Path folder, String node, char[] password) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(".crt.pem")) {
                certificates.add(certificate(file));
            }
        }
        List<Found> found = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".p12") || name.endsWith(".pfx")) {
                keystoreKeys(file, password, found, certificates, keys);
            } else if (isPemPrivateKey(file)) {
                found.add(new Found(file, "", pemKey(file)));
            }
        }
        for (Found key : found) {
            keys.add(owner(key, certificates));
        }
        return new Result(node, keys);
    }

    private record Found(Path file, String entry, PrivateKey key) {}

    private static void keystoreKeys(Path file, char[] password, List<Found> found, List<X509Certificate> certificates,
            List<Key> keys) throws IOException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (GeneralSecurityException | IOException e) {
            keys.add(new Key(file, "", Optional.empty(), "a keystore the node's password does not open ("
                    + e.getMessage() + "): whose keys it holds cannot be told"));
            return;
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
                    keys.add(new Key(file, alias, Optional.empty(), "a key entry that is no private key"));
                    continue;
                }
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain != null) {
                    for (Certificate certificate : chain) {
                        certificates.add((X509Certificate) certificate);
                    }
                }
                found.add(new Found(file, alias, key));
            }
        } catch (GeneralSecurityException e) {
            keys.add(new Key(file, "", Optional.empty(), "a keystore whose entries cannot be read (" + e.getMessage()
                    + ")"));
        }
    }

    /** The owner of a key: the node the certificate of its public key names. */
    private static Key owner(Found found, List<X509Certificate> certificates) {
        for (X509Certificate certificate : certificates) {
            if (matches(found.key(), certificate.getPublicKey())) {
                Optional<String> owner = NodeIdentity.of(certificate);
                return new Key(found.file(), found.entry(), owner, "its certificate "
                        + certificate.getSubjectX500Principal() + " names no node");
            }
        }
        return new Key(found.file(), found.entry(), Optional.empty(), "a private key that no certificate in the"
                + " folder certifies: whose it is cannot be told");
    }

    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("a " + key.getAlgorithm() + " private key: the scan knows"
                    + " EC and RSA keys only");
        };
        try {
            byte[] challenge = "whose key is this".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isPemPrivateKey(Path file) throws IOException {
        if (file.getFileName().toString().endsWith(".key.pem")) {
            return true;
        }
        if (Files.size(file) > 1_000_000) {
            return false;
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        return text.contains("-----BEGIN") && text.contains("PRIVATE KEY-----");
    }

    private static PrivateKey pemKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException(file + " holds a private key in a form the scan cannot read ("
                    + (object == null ? "nothing" : object.getClass().getSimpleName()) + ")");
        }
    }

    private static X509Certificate certificate(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " is no certificate: " + e.getMessage(), e);
        }
    }
}
