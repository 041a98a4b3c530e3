package org.regionalexchange.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * The hint for a code that fails an enum only by its spelling: codes are case-sensitive (UCUM's mL is not ml, kg is
 * not KG, CAP's Severe is not severe) and UCUM writes the micro sign as u, so such a value names the code meant.
 */
final class NearMiss {

    private NearMiss() {}

    /** @return e.g. "'ml' is not a unit code: use 'mL'", when the value is an allowed code but for case or micro */
    static Optional<String> hint(String pointer, JsonNode value, JsonNode allowed) {
        if (value == null || !value.isTextual() || allowed == null || !allowed.isArray()) {
            return Optional.empty();
        }
        String given = value.asText();
        String folded = fold(given);
        for (JsonNode code : allowed) {
            if (code.isTextual() && !code.asText().equals(given) && fold(code.asText()).equals(folded)) {
                return Optional.of("'" + given + "' is not a " + field(pointer) + " code: use '"
                        + code.asText() + "'");
            }
        }
        return Optional.empty();
    }

    private static String fold(String code) {
        return code.replace('\u00b5', 'u').replace('\u03bc', 'u').toLowerCase(Locale.ROOT);
    }

    /** The member the value sits in, skipping array indexes: /items/0/quantity/unit gives unit. */
    private static String field(String pointer) {
        String[] tokens = pointer.split("/");
        for (int i = tokens.length - 1; i >= 0; i--) {
            if (!tokens[i].isEmpty() && !tokens[i].chars().allMatch(Character::isDigit)) {
                return tokens[i].replace("~1", "/").replace("~0", "~");
            }
        }
        return "document";
    }
}
