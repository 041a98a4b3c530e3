package org.regionalexchange.node.units;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.regionalexchange.node.outbox.InvalidSubmissionException;
import org.regionalexchange.node.outbox.LocalSubmitters;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.store.CustomsUnits;
import org.regionalexchange.node.store.ReceivedMessages;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.Violation;

/**
 * What a registered customs unit may hand in on the broker: outcome reports only, each for a warning that was put on
 * its own queue, sent back to the warning's sender under at least the warning's handling code. The unit's id goes
 * into the report's {@code unit.nodeId}. Its answer goes to its own queue. Other local systems are not restricted.
 */
public final class UnitSubmissions implements LocalSubmitters {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final UnitRegistry registry;
    private final CustomsUnits deliveries;
    private final ReceivedMessages received;

    public UnitSubmissions(UnitRegistry registry, CustomsUnits deliveries, ReceivedMessages received) {
        this.registry = registry;
        this.deliveries = deliveries;
        this.received = received;
    }

    @Override
    public Optional<String> answerQueue(String user) {
        return user == null ? Optional.empty() : registry.find(user).map(unit -> UnitRegistry.queue(unit.name()));
    }

    @Override
    public Submission check(Submission submission, String user) {
        if (user == null || registry.find(user).isEmpty()) {
            return submission;
        }
        if (!MessageKind.OUTCOME_REPORT.id().equals(submission.kind())) {
            throw refused("/kind", "customs unit " + user + " submits outcome-report documents only, not "
                    + submission.kind());
        }
        if (submission.document() == null || !submission.document().isObject()) {
            throw refused("/document", "the outcome report is missing: send {kind, recipients, handling, document}");
        }
        String warningId = submission.document().path("inResponseTo").asText("");
        if (warningId.isEmpty() || deliveries.delivery(user, warningId).isEmpty()) {
            throw refused("/document/inResponseTo", "customs unit " + user + " was never given a warning "
                    + (warningId.isEmpty() ? "(inResponseTo is missing)" : warningId) + ": an outcome answers a"
                    + " warning from the unit's own queue");
        }
        ReceivedMessages.Received warning = received.find(warningId).orElseThrow(() -> refused(
                "/document/inResponseTo", "warning " + warningId + " is no longer in this node's store"));
        if (!submission.recipients().isEmpty() && !submission.recipients().equals(List.of(warning.sender()))) {
            throw refused("/recipients", "an outcome goes back to the warning's sender " + warning.sender() + ", not to "
                    + submission.recipients() + ": leave recipients out");
        }
        JsonNode unitField = submission.document().path("unit").path("nodeId");
        if (!unitField.isMissingNode() && !unitField.asText().equals(user)) {
            throw refused("/document/unit/nodeId", "'" + unitField.asText() + "' is not this unit: customs unit "
                    + user + " reports as itself");
        }
        ObjectNode document = submission.document().deepCopy();
        if (document.path("unit").isObject()) {
            ((ObjectNode) document.get("unit")).put("nodeId", user);
        }
        String warned = headerHandling(warning);
        String handling = submission.handling() == null
                || Tlp.rank(submission.handling()) < Tlp.rank(warned) ? warned : submission.handling();
        return new Submission(submission.kind(), List.of(warning.sender()), handling, document,
                submission.references(), submission.expiresAt(), submission.language(), submission.status());
    }

    private static String headerHandling(ReceivedMessages.Received warning) {
        try {
            String handling = JSON.readTree(warning.headerJson())
                    .path("handling").asText("AMBER");
            return Tlp.isCode(handling) ? handling : "AMBER";
        } catch (java.io.IOException e) {
            return "AMBER";
        }
    }

    private static InvalidSubmissionException refused(String pointer, String message) {
        return new InvalidSubmissionException(List.of(new Violation(pointer, message)));
    }
}
