package org.regionalexchange.node.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

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
}
