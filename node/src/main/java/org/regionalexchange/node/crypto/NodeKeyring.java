package org.regionalexchange.node.crypto;

import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.operator.ContentSigner;

/**
 * This node's own keys, behind an interface so that an HSM or PKCS#11 store can replace the PKCS#12 file: callers
 * get signing and decrypting operations, never the private keys.
 */
public interface NodeKeyring {

    String nodeId();

    X509Certificate signingCertificate();

    /** The signing certificate first, up to but excluding the root. */
    List<X509Certificate> signingChain();

    /** A fresh signer for one signature with the signing key. */
    ContentSigner signer();

    /** The current encryption certificate: the one other members seal for, and the sender's own copy is sealed for. */
    X509Certificate encryptionCertificate();

    /** Unwraps content-encryption keys addressed to this node's current encryption certificate. */
    Recipient decryptor();

    /**
     * Every encryption certificate this node holds a key for, the current one first, then any kept from before a
     * key rotation, so that messages sealed for the old certificate during the CA's overlap still open.
     */
    default List<X509Certificate> encryptionCertificates() {
        return List.of(encryptionCertificate());
    }

    /**
     * Unwraps content-encryption keys addressed to one of {@link #encryptionCertificates()}.
     *
     * @throws IllegalArgumentException if this node holds no key for that certificate
     */
    default Recipient decryptor(X509Certificate certificate) {
        if (!certificate.equals(encryptionCertificate())) {
            throw new IllegalArgumentException("no key of " + nodeId() + " for encryption certificate serial "
                    + certificate.getSerialNumber().toString(16));
        }
        return decryptor();
    }
}
