package org.regionalexchange.node.crypto;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Content whose CMS signature verified, not yet checked against the regional trust anchor.
 *
 * @param chain the signer certificate first, then any other certificates the SignedData carried
 */
public record VerifiedContent(byte[] content, List<X509Certificate> chain, Instant signingTime) {

    public VerifiedContent {
        chain = List.copyOf(chain);
    }

    public X509Certificate signer() {
        return chain.get(0);
    }
}
