package org.regionalexchange.node.crypto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * Seals signed content given as raw text, so tests can sign what no JSON tree can express (a duplicate key), the way
 * a faulty or hostile node's software could. The signature and encryption are real.
 */
public final class RawSealer {

    private RawSealer() {}

    /** @return the wire bytes: {@code clearHeader} in clear, {@code signedContent} signed and encrypted */
    public static byte[] seal(MessageSealer sealer, ObjectNode clearHeader, String signedContent,
            Collection<X509Certificate> recipients) {
        try {
            return sealer.envelope(clearHeader, sealer.sign(signedContent.getBytes(StandardCharsets.UTF_8)),
                    recipients);
        } catch (Exception e) {
            throw new IllegalStateException("sealing raw content failed", e);
        }
    }

    /** The {@code {header, document}} text a sealer would sign, before a test edits it. */
    public static String content(ObjectNode header, com.fasterxml.jackson.databind.JsonNode document) {
        return "{\"header\":" + header + ",\"document\":" + document + "}";
    }
}
