package org.regionalexchange.node.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A message on its way out: the header and document that will be signed, the final recipients, the plan of next
 * hops, and once sealed, the wire bytes that every hop receives unchanged.
 */
public record OutgoingMessage(
        ObjectNode header,
        JsonNode document,
        List<String> finalRecipients,
        Map<String, List<String>> hops,
        byte[] wire) {

    public String messageId() {
        return header.path("messageId").asText();
    }

    public OutgoingMessage sealed(byte[] sealedWire) {
        return new OutgoingMessage(header, document, finalRecipients, hops, sealedWire);
    }
}
