package org.regionalexchange.node.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What travels between nodes: the routing header in clear (so relays can route without reading) and the protected
 * bytes, a DER CMS AuthEnvelopedData whose content is the signed {@code {header, document}}.
 */
public record SealedEnvelope(ObjectNode header, byte[] protectedContent) {

    public String messageId() {
        return header.path("messageId").asText("");
    }
}
