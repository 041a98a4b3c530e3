package org.regionalexchange.node.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.audit.AuditAnchor;

/**
 * The hub's latest audit checkpoint of one node, read from the hub's {@code GET /api/v1/audit/checkpoints}, for
 * `audit verify --hub-api`. The hub's copy is the one an insider at the node cannot roll back.
 */
final class HubCheckpoint {

    private HubCheckpoint() {}

    /** @return the checkpoint, or empty when the hub holds none of this node yet */
    static Optional<AuditAnchor.Head> fetch(ApiClient api, String nodeId) throws InterruptedException {
        String asked = "the hub's API at " + api.base() + "api/v1/audit/checkpoints ";
        String fix = ": check --hub-api (the hub's node.http.port, reachable from here) and that --hub-user is an auditor there, or leave it out to verify"
                + " against the local anchor only";
        ApiClient.Response response;
        try {
            response = api.get("api/v1/audit/checkpoints");
        } catch (IOException e) {
            throw new IllegalStateException(asked + "did not answer (" + e.getMessage() + ")" + fix, e);
        }
        if (response.status() != 200) {
            throw new IllegalStateException(asked + "answered HTTP " + response.status() + fix);
        }
        try {
            for (JsonNode row : new ObjectMapper().readTree(response.body())) {
                if (nodeId.equals(row.path("node").asText())) {
                    return Optional.of(AuditAnchor.head(row.path("seq").asText(), row.path("entryHash").asText(),
                            row.path("recordedAt").asText(null)));
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(asked + "answered with something other than a list of checkpoints ("
                    + e.getMessage() + ")" + fix, e);
        }
    }
}
