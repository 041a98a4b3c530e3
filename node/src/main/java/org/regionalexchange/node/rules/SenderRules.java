package org.regionalexchange.node.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.schemas.MessageKind;

/**
 * What a document's schema cannot say because it sees the document without its header: an audit checkpoint is of
 * the sender's own chain, since the hub files it under the sender the signature proved; a member directory is the
 * sender's own, as the hub that publishes it. Reported as SCHEMA_INVALID,
 * as it was before the rules had a package of their own.
 */
final class SenderRules {

    private SenderRules() {}

    static List<RuleViolation> check(MessageKind kind, String sender, JsonNode document) {
        if (kind == MessageKind.AUDIT_CHECKPOINT && !sender.equals(document.path("node").asText())) {
            return List.of(RuleViolation.of(RejectReason.SCHEMA_INVALID, "/document/node", "must be the sender's own"
                    + " node id " + sender + ": a node checkpoints only its own audit chain"));
        }
        if (kind == MessageKind.MEMBER_DIRECTORY && !sender.equals(document.path("hub").asText())) {
            return List.of(RuleViolation.of(RejectReason.SCHEMA_INVALID, "/document/hub", "must be the sender " + sender
                    + ": a member directory is published by the hub that signs it"));
        }
        return List.of();
    }
}
