package org.regionalexchange.node.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.regionalexchange.node.envelope.InvalidJsonException;
import org.regionalexchange.node.envelope.StrictJson;
import org.regionalexchange.schemas.Violation;

/**
 * The JSON form of a submission, shared by the REST API and local systems on the broker:
 * {@code {kind, recipients, handling, document, references?, expiresAt?, language?, status?}}, and the JSON answers
 * to it (accepted with a messageId, or every violation). The body is read strictly (see {@link StrictJson}): a
 * duplicate key or a value over the node's limits is a violation pointing at that value.
 */
public final class SubmissionReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StrictJson strict;

    public SubmissionReader(StrictJson strict) {
        this.strict = strict;
    }

    public Submission read(String body) {
        JsonNode json;
        try {
            json = strict.read(body == null ? "" : body);
        } catch (InvalidJsonException e) {
            throw new InvalidSubmissionException(List.of(new Violation(e.pointer(), e.getMessage())));
        }
        if (!json.isObject()) {
            throw new InvalidSubmissionException(List.of(new Violation("", "the body must be a JSON object")));
        }
        List<Violation> problems = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        if (!json.path("recipients").isArray() || json.path("recipients").isEmpty()) {
            problems.add(new Violation("/recipients", "a non-empty array of node ids or REGIONAL is required"));
        } else {
            json.get("recipients").forEach(r -> recipients.add(r.asText()));
        }
        Instant expiresAt = null;
        if (json.hasNonNull("expiresAt")) {
            try {
                expiresAt = Instant.parse(json.get("expiresAt").asText());
            } catch (DateTimeParseException e) {
                problems.add(new Violation("/expiresAt", "not a date-time such as 2026-12-01T00:00:00Z"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSubmissionException(problems);
        }
        List<JsonNode> references = new ArrayList<>();
        json.path("references").forEach(references::add);
        return new Submission(text(json, "kind"), recipients, text(json, "handling"), json.get("document"),
                references, expiresAt, text(json, "language"), text(json, "status"));
    }

    public static String accepted(String messageId) {
        ObjectNode body = JSON.createObjectNode().put("messageId", messageId).put("status", "queued");
        body.put("statusUrl", "/api/v1/messages/" + messageId);
        return body.toString();
    }

    public static String violations(InvalidSubmissionException invalid) {
        ObjectNode body = JSON.createObjectNode().put("error", "invalid submission: nothing was stored or sent");
        ArrayNode list = body.putArray("violations");
        invalid.violations().forEach(v -> list.addObject().put("pointer", v.pointer()).put("message", v.message()));
        return body.toString();
    }

    /**
     * The answer to a submission the node could not take because a component it needs (the database) is down:
     * nothing was stored or sent, and the submitter should submit again after {@code retryAfterSeconds}.
     */
    public static String unavailable(String component, String reason, int retryAfterSeconds) {
        return JSON.createObjectNode().put("error", "the node's " + component + " is not answering: nothing was"
                + " stored or sent; submit again in " + retryAfterSeconds + " s").put("unavailable", component)
                .put("retryAfterSeconds", retryAfterSeconds).put("reason", reason).toString();
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asText() : null;
    }
}
