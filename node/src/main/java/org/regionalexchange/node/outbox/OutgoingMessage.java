package org.regionalexchange.node.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    public String sender() {
        return header.path("sender").asText();
    }

    public OutgoingMessage sealed(byte[] sealedWire) {
        return new OutgoingMessage(header, document, finalRecipients, hops, sealedWire);
    }

    /** One copy per next hop, each carrying the final recipients it is meant for. */
    public List<HopCopy> copies() {
        List<HopCopy> copies = new ArrayList<>();
        hops.forEach((hop, recipients) -> copies.add(new HopCopy(hop, messageId(), sender(), recipients, wire)));
        return copies;
    }

    /** The next hop each final recipient leaves through. */
    public Map<String, String> nextHopByRecipient() {
        Map<String, String> byRecipient = new LinkedHashMap<>();
        hops.forEach((hop, recipients) -> recipients.forEach(recipient -> byRecipient.put(recipient, hop)));
        return byRecipient;
    }
}
