package org.regionalexchange.node.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;

/**
 * Reads and writes the wire form: {@code {"format": "regional-exchange-envelope/1", "header": {...},
 * "protected": "<base64 DER>"}}. JSON keeps the routing header readable by any tool on the path. It is read
 * strictly (see {@link StrictJson}): a relay and the receiver must never route by a header two parsers read apart.
 */
public final class EnvelopeCodec {

    public static final String FORMAT = "regional-exchange-envelope/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnvelopeCodec() {}

    public static byte[] write(SealedEnvelope envelope) {
        ObjectNode wire = JSON.createObjectNode();
        wire.put("format", FORMAT);
        wire.set("header", envelope.header());
        wire.put("protected", Base64.getEncoder().encodeToString(envelope.protectedContent()));
        try {
            return JSON.writeValueAsBytes(wire);
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory JSON tree always serialises", e);
        }
    }

    /** Reads under the default {@link JsonLimits}; a node passes its own. */
    public static SealedEnvelope read(byte[] wire) {
        return read(wire, StrictJson.DEFAULT);
    }

    public static SealedEnvelope read(byte[] wire, StrictJson json) {
        JsonNode root;
        try {
            root = json.read(wire, "/protected");
        } catch (InvalidJsonException e) {
            throw new RejectedMessageException(RejectReason.MALFORMED, null, "the envelope: " + e.getMessage(), e);
        }
        if (!root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw malformed("not a " + FORMAT + " envelope");
        }
        if (!root.path("header").isObject() || !root.path("protected").isTextual()) {
            throw malformed("the envelope needs a header object and a protected string");
        }
        try {
            return new SealedEnvelope((ObjectNode) root.get("header"),
                    Base64.getDecoder().decode(root.get("protected").asText()));
        } catch (IllegalArgumentException e) {
            throw malformed("protected is not base64");
        }
    }

    private static RejectedMessageException malformed(String problem) {
        return new RejectedMessageException(RejectReason.MALFORMED, null, problem);
    }
}
