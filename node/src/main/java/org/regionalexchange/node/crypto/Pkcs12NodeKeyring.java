package org.regionalexchange.node.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.regionalexchange.node.trust.NodeIdentity;

/**
 * A keyring read from the node's PKCS#12 file with the entries {@code signing} and {@code encryption}, and after a
 * key rotation {@value #PREVIOUS_ENCRYPTION_ALIAS}: the replaced encryption key that {@code certs install} keeps, so
 * that messages sealed for the old encryption certificate still open.
 */
public final class Pkcs12NodeKeyring implements NodeKeyring {

    /** The alias of the encryption key a rotation replaced, as {@code certs install} writes it. */
    public static final String PREVIOUS_ENCRYPTION_ALIAS = "encryption-previous";

    private final String nodeId;
    private final PrivateKey signingKey;
    private final List<X509Certificate> signingChain;
    private final List<EncryptionKey> encryptionKeys;

    /** An encryption key with the certificate senders seal for. */
    private record EncryptionKey(X509Certificate certificate, PrivateKey key) {}

    /** @param encryptionKeys the current key first */
    private Pkcs12NodeKeyring(PrivateKey signingKey, List<X509Certificate> signingChain,
            List<EncryptionKey> encryptionKeys) {
        this.signingKey = signingKey;
        this.signingChain = signingChain;
        this.encryptionKeys = List.copyOf(encryptionKeys);
        this.nodeId = NodeIdentity.of(signingChain.get(0)).orElseThrow(() -> new ProtectionSetupException(
                "the signing certificate names no node id", null));
    }

    public static Pkcs12NodeKeyring load(Path keystore, char[] password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            List<EncryptionKey> encryption = new ArrayList<>();
            encryption.add(new EncryptionKey(chain(store, "encryption").get(0), key(store, "encryption", password)));
            if (store.isKeyEntry(PREVIOUS_ENCRYPTION_ALIAS)) {
                encryption.add(new EncryptionKey(chain(store, PREVIOUS_ENCRYPTION_ALIAS).get(0),
                        key(store, PREVIOUS_ENCRYPTION_ALIAS, password)));
            }
            return new Pkcs12NodeKeyring(key(store, "signing", password), chain(store, "signing"), encryption);
        } catch (IOException | GeneralSecurityException e) {
            throw new ProtectionSetupException("cannot read the node keystore " + keystore + ": " + e.getMessage()
                    + " (check node.pki.keystore and its password)", e);
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public X509Certificate signingCertificate() {
        return signingChain.get(0);
    }

    @Override
    public List<X509Certificate> signingChain() {
        return signingChain;
    }

    @Override
    public ContentSigner signer() {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.PROVIDER)
                    .build(signingKey);
        } catch (OperatorCreationException e) {
            throw new ProtectionSetupException("cannot sign with the node's signing key", e);
        }
    }

    @Override
    public X509Certificate encryptionCertificate() {
        return encryptionKeys.get(0).certificate();
    }

    @Override
    public Recipient decryptor() {
        return recipient(encryptionKeys.get(0).key());
    }

    @Override
    public List<X509Certificate> encryptionCertificates() {
        return encryptionKeys.stream().map(EncryptionKey::certificate).toList();
    }

    @Override
    public Recipient decryptor(X509Certificate certificate) {
        return encryptionKeys.stream().filter(key -> key.certificate().equals(certificate)).findFirst()
                .map(key -> recipient(key.key()))
                .orElseThrow(() -> new IllegalArgumentException("no key of " + nodeId + " for encryption "
                        + "certificate serial " + certificate.getSerialNumber().toString(16)));
    }

    private static Recipient recipient(PrivateKey key) {
        return new JceKeyAgreeEnvelopedRecipient(key).setProvider(BouncyCastle.PROVIDER);
    }

    private static PrivateKey key(KeyStore store, String alias, char[] password) throws GeneralSecurityException {
        PrivateKey key = (PrivateKey) store.getKey(alias, password);
        if (key == null) {
            throw new GeneralSecurityException("no '" + alias + "' key entry");
        }
        return key;
    }

    /** The entry's chain without the self-signed root, which receivers hold as their trust anchor. */
    private static List<X509Certificate> chain(KeyStore store, String alias) throws GeneralSecurityException {
        Certificate[] chain = store.getCertificateChain(alias);
        if (chain == null) {
            throw new GeneralSecurityException("no '" + alias + "' certificate chain");
        }
        return Arrays.stream(chain).map(X509Certificate.class::cast)
                .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).toList();
    }
}
