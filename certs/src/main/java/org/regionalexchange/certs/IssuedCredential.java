package org.regionalexchange.certs;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key with its certificate and the chain up to and including the regional root.
 *
 * @param chain leaf first, root last
 */
public record IssuedCredential(String nodeId, CertificatePurpose purpose, PrivateKey privateKey,
        X509Certificate certificate, List<X509Certificate> chain) {

    public IssuedCredential {
        chain = List.copyOf(chain);
    }

    @Override
    public String toString() {
        return "IssuedCredential[" + nodeId + " " + purpose.alias() + " serial " + certificate.getSerialNumber() + "]";
    }
}
