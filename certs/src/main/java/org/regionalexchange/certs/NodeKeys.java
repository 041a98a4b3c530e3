package org.regionalexchange.certs;

import java.nio.file.Path;

/**
 * One node's three credentials and where they were written.
 *
 * @param directory {@code <pki>/<NODE>/}, which also holds the PEM files
 * @param keystore {@code node.p12}: aliases tls, signing and encryption
 * @param tlsKeystore {@code tls.p12}: only the TLS key, for broker acceptors and connectors
 */
public record NodeKeys(String nodeId, IssuedCredential tls, IssuedCredential signing, IssuedCredential encryption,
        Path directory, Path keystore, Path tlsKeystore) {

    public IssuedCredential credential(CertificatePurpose purpose) {
        return switch (purpose) {
            case TLS -> tls;
            case SIGNING -> signing;
            case ENCRYPTION -> encryption;
        };
    }

    public Path certificatePem(CertificatePurpose purpose) {
        return directory.resolve(purpose.alias() + ".crt.pem");
    }

    public Path privateKeyPem(CertificatePurpose purpose) {
        return directory.resolve(purpose.alias() + ".key.pem");
    }
}
