package org.regionalexchange.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.regionalexchange.node.envelope.InvalidJsonException;
import org.regionalexchange.node.envelope.StrictJson;

/** Reading the small JSON objects the administration calls take, with 400 problems that name the field. */
final class RequestBodies {

    private RequestBodies() {}

    /**
     * @param shape what the object should hold, for the problem, e.g. {@code {name, roles, units?}}
     * @throws ApiProblem 400 when the body is not one JSON object
     */
    static JsonNode object(String json, String shape) {
        JsonNode body;
        try {
            body = StrictJson.DEFAULT.read(json == null ? "" : json);
        } catch (InvalidJsonException e) {
            throw ApiProblem.badRequest(e.pointer(), "the body is not one JSON object: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw ApiProblem.badRequest("", "the body must be a JSON object " + shape);
        }
        return body;
    }

    /** A field holding an array of strings; empty when absent. */
    static List<String> texts(JsonNode body, String field) {
        List<String> values = new ArrayList<>();
        JsonNode array = body.path(field);
        if (!array.isMissingNode() && !array.isArray()) {
            throw ApiProblem.badRequest("/" + field, field + " must be an array of strings");
        }
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
