package org.regionalexchange.certs;

import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/** What a node certificate is for; each purpose has its own key so that one can be rotated without the others. */
public enum CertificatePurpose {
    /** Mutual TLS between brokers: serverAuth and clientAuth. */
    TLS,
    /** CMS signatures on messages: digitalSignature and nonRepudiation. */
    SIGNING,
    /** CMS key agreement for the recipients of a message: keyAgreement. */
    ENCRYPTION;

    /** The keystore alias and file-name stem, e.g. {@code signing}. */
    public String alias() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The key usage bits a certificate of this purpose carries, no more: the CA sets them and requests must ask for them. */
    KeyUsage keyUsage() {
        return switch (this) {
            case TLS -> new KeyUsage(KeyUsage.digitalSignature);
            case SIGNING -> new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
            case ENCRYPTION -> new KeyUsage(KeyUsage.keyAgreement);
        };
    }

    /** The extended key usages of this purpose; none for signing and encryption. */
    List<KeyPurposeId> extendedKeyUsages() {
        return this == TLS ? List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth) : List.of();
    }

    public static CertificatePurpose fromAlias(String alias) {
        for (CertificatePurpose purpose : values()) {
            if (purpose.alias().equalsIgnoreCase(alias)) {
                return purpose;
            }
        }
        throw new IllegalArgumentException("unknown purpose '" + alias + "': use tls, signing or encryption");
    }
}
