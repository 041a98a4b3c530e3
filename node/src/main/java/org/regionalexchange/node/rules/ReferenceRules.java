package org.regionalexchange.node.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.regionalexchange.node.failure.RejectReason;

/**
 * An early-warning update or cancellation is made only by the sender of the alert it names, and only for an alert
 * this node knows (received, or sent by it). The references are those of the document (which the schema requires
 * for update and cancel) and the header's updates, supersedes and cancels; each messageId is judged once.
 */
final class ReferenceRules {

    private static final Set<String> FOLLOW_UPS = Set.of("updates", "supersedes", "cancels");
    private static final String ALERT = "early-warning";

    private final KnownMessages known;
    private final boolean submission;

    /**
     * @param known null when there is no store to look in (offline), so only the references' own sender is checked
     * @param submission the message is this node's own, about to be sent: only its own alerts may be named
     */
    ReferenceRules(KnownMessages known, boolean submission) {
        this.known = known;
        this.submission = submission;
    }

    List<RuleViolation> check(String sender, JsonNode header, JsonNode document) {
        String msgType = document.path("msgType").asText();
        if (!ALERT.equals(header.path("kind").asText()) || !(msgType.equals("update") || msgType.equals("cancel"))) {
            return List.of();
        }
        List<RuleViolation> found = new ArrayList<>();
        Set<String> judged = new HashSet<>();
        references(document, "/document", false, sender, judged, found);
        references(header, "/header", true, sender, judged, found);
        return found;
    }

    private void references(JsonNode root, String prefix, boolean onlyFollowUps, String sender, Set<String> judged,
            List<RuleViolation> found) {
        for (FieldPath.Found reference : new FieldPath("/references/*").in(root, prefix)) {
            JsonNode value = reference.value();
            boolean followUp = FOLLOW_UPS.contains(value.path("relation").asText());
            if ((!onlyFollowUps || followUp) && judged.add(value.path("messageId").asText())) {
                judge(reference.pointer(), value, sender).ifPresent(found::add);
            }
        }
    }

    private Optional<RuleViolation> judge(String pointer, JsonNode reference, String sender) {
        String id = reference.path("messageId").asText();
        if (reference.hasNonNull("sender") && !reference.get("sender").asText().equals(sender)) {
            return Optional.of(RuleViolation.of(RejectReason.FOREIGN_REFERENCE, pointer + "/sender", "names "
                    + reference.get("sender").asText() + " as the sender of alert " + id + ": only the alert's own"
                    + " sender (" + sender + ") may update or cancel it"));
        }
        if (known == null) {
            return Optional.empty();
        }
        Optional<KnownMessages.Known> original = known.find(id);
        if (original.isEmpty()) {
            return Optional.of(RuleViolation.pending(RejectReason.UNKNOWN_REFERENCE, pointer + "/messageId",
                    submission ? "no alert " + id + " was sent by this node"
                            : "no alert " + id + " has reached this node (received or sent by it)"));
        }
        if (!ALERT.equals(original.get().kind())) {
            return Optional.of(RuleViolation.of(RejectReason.UNKNOWN_REFERENCE, pointer + "/messageId",
                    id + " is a " + original.get().kind() + ", not an early-warning alert"));
        }
        if (!original.get().sender().equals(sender)) {
            return Optional.of(RuleViolation.of(RejectReason.FOREIGN_REFERENCE, pointer + "/messageId", "alert " + id
                    + " was sent by " + original.get().sender() + ": only its sender may update or cancel it"));
        }
        return Optional.empty();
    }
}
