package org.regionalexchange.node.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * What a focal point, a local system or the node itself asks to send: a document of a kind, to recipients, under a
 * handling code. The node adds the rest of the header.
 *
 * @param recipients node ids or the group REGIONAL
 * @param references earlier messages this one updates, cancels or answers, as header reference objects
 * @param expiresAt required for early-warnings and pre-arrival warnings, optional otherwise
 */
public record Submission(
        String kind,
        List<String> recipients,
        String handling,
        JsonNode document,
        List<JsonNode> references,
        Instant expiresAt,
        String language,
        String status) {

    public Submission {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        references = references == null ? List.of() : List.copyOf(references);
        language = language == null ? "en" : language;
        status = status == null ? "actual" : status;
    }

    /** The header this submission gets from its sender: a new messageId, the creation time to the second. */
    public ObjectNode header(String sender, String schemaVersion, Instant createdAt) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("messageId", UUID.randomUUID().toString());
        header.put("kind", kind);
        header.put("schemaVersion", schemaVersion);
        header.put("status", status);
        header.put("sender", sender);
        recipients.forEach(header.putArray("recipients")::add);
        header.put("createdAt", createdAt.truncatedTo(ChronoUnit.SECONDS).toString());
        if (expiresAt != null) {
            header.put("expiresAt", expiresAt.toString());
        }
        if (handling != null) {
            header.put("handling", handling);
        }
        if (!references.isEmpty()) {
            header.putArray("references").addAll(references);
        }
        header.put("language", language);
        return header;
    }
}
