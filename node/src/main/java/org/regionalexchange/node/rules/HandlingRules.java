package org.regionalexchange.node.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.regionalexchange.node.failure.RejectReason;

/**
 * The one handling rule a message itself can break (README, "Handling codes"): TLP:RED goes only to the recipients
 * named in the header, so a RED message addressed to the group REGIONAL is addressed to no one. A node refuses to
 * send one, and every receiver rejects one as not addressed to it.
 */
final class HandlingRules {

    private HandlingRules() {}

    static List<RuleViolation> check(JsonNode header) {
        if (!"RED".equals(header.path("handling").asText())) {
            return List.of();
        }
        for (JsonNode recipient : header.path("recipients")) {
            if (recipient.asText().equals("REGIONAL")) {
                return List.of(RuleViolation.of(RejectReason.NOT_ADDRESSED, "/header/recipients", "TLP:RED goes only"
                        + " to recipients named in the header, never to the group REGIONAL: name each recipient"));
            }
        }
        return List.of();
    }
}
