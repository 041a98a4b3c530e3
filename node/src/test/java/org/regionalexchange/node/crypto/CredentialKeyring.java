package org.regionalexchange.node.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.regionalexchange.certs.IssuedCredential;

/** A keyring over credentials held in memory, to sign with certificates a node's keystore would never hold. */
record CredentialKeyring(String nodeId, IssuedCredential signing, IssuedCredential encryption) implements NodeKeyring {

    @Override
    public X509Certificate signingCertificate() {
        return signing.certificate();
    }

    @Override
    public List<X509Certificate> signingChain() {
        return List.of(signing.certificate());
    }

    @Override
    public ContentSigner signer() {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(signing.privateKey());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public X509Certificate encryptionCertificate() {
        return encryption.certificate();
    }

    @Override
    public Recipient decryptor() {
        PrivateKey key = encryption.privateKey();
        return new JceKeyAgreeEnvelopedRecipient(key);
    }
}
