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

    X509Certificate encryptionCertificate();

    /** Unwraps content-encryption keys addressed to this node's encryption certificate. */
    Recipient decryptor();
}
