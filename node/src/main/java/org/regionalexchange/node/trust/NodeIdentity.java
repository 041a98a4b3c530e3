package org.regionalexchange.node.trust;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Reads the node id a regional certificate was issued to: the SAN URI {@code urn:regional-exchange:node:ID}. */
public final class NodeIdentity {

    public static final String URI_PREFIX = "urn:regional-exchange:node:";
    private static final int SAN_URI = 6;

    private NodeIdentity() {}

    /** The node id from the SAN URI, or from the subject CN when a certificate has no such URI. */
    public static Optional<String> of(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (((Integer) name.get(0)) == SAN_URI && name.get(1) instanceof String uri
                            && uri.startsWith(URI_PREFIX)) {
                        return Optional.of(uri.substring(URI_PREFIX.length()));
                    }
                }
            }
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
        } catch (CertificateParsingException | InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
