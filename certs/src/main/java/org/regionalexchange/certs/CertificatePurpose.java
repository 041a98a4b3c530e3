package org.regionalexchange.certs;

import java.util.Locale;

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

    public static CertificatePurpose fromAlias(String alias) {
        for (CertificatePurpose purpose : values()) {
            if (purpose.alias().equalsIgnoreCase(alias)) {
                return purpose;
            }
        }
        throw new IllegalArgumentException("unknown purpose '" + alias + "': use tls, signing or encryption");
    }
}
