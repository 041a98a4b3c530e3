package org.regionalexchange.node.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A message whose signature, signer and header have all been verified.
 *
 * @param signedContent the exact bytes the sender signed, kept for audit and re-verification
 */
public record OpenedMessage(ObjectNode header, JsonNode document, String signerNodeId, X509Certificate signer,
        Instant signingTime, byte[] signedContent) {

    public String messageId() {
        return header.path("messageId").asText();
    }

    public String kind() {
        return header.path("kind").asText();
    }

    public String sender() {
        return header.path("sender").asText();
    }
}
