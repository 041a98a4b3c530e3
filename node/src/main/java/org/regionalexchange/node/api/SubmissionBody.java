package org.regionalexchange.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code POST /api/v1/messages}; {@code document} validates against the schema of {@code kind}. */
public record SubmissionBody(String kind, List<String> recipients, String handling, JsonNode document,
        String expiresAt, List<JsonNode> references, String language) {}
