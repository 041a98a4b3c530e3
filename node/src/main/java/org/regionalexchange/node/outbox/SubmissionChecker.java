package org.regionalexchange.node.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.regionalexchange.node.routing.CertificateDirectory;
import org.regionalexchange.node.routing.NextHopResolver;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaCatalog;
import org.regionalexchange.schemas.Violation;

/**
 * Turns a submission into a message ready to seal: checks the document against its schema, builds and checks the
 * header, and plans the hops. Reports every problem at once, with JSON pointers into the submission, and builds
 * nothing when there is one.
 */
public final class SubmissionChecker {

    private final String self;
    private final SchemaCatalog catalog;
    private final NextHopResolver resolver;
    private final CertificateDirectory directory;
    private final Clock clock;

    public SubmissionChecker(String self, SchemaCatalog catalog, NextHopResolver resolver,
            CertificateDirectory directory, Clock clock) {
        this.self = self;
        this.catalog = catalog;
        this.resolver = resolver;
        this.directory = directory;
        this.clock = clock;
    }

    public OutgoingMessage check(Submission submission) {
        List<Violation> problems = new ArrayList<>();
        MessageKind kind = kind(submission.kind(), problems);
        if (kind != null) {
            if (submission.document() == null || !submission.document().isObject()) {
                problems.add(new Violation("/document", "a document object is required"));
            } else {
                catalog.validateDocument(kind, submission.document()).forEach(v ->
                        problems.add(new Violation("/document" + v.pointer(), v.message())));
                senderRules(kind, self, submission.document()).forEach(v ->
                        problems.add(new Violation("/document" + v.pointer(), v.message())));
            }
        }
        ObjectNode header = submission.header(self, kind == null ? SchemaCatalog.CURRENT_VERSION
                : catalog.currentVersion(kind), clock.instant());
        problems.addAll(catalog.validateHeader(header));
        List<String> finalRecipients = resolver.expand(submission.recipients(), self);
        checkReachable(finalRecipients, submission.recipients(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidSubmissionException(problems);
        }
        return new OutgoingMessage(header, submission.document(), finalRecipients,
                resolver.plan(finalRecipients), null);
    }

    /**
     * What a schema cannot say because it sees the document without its header: an audit checkpoint is of the
     * sender's own chain, since the hub files it under the sender the signature proved.
     *
     * @return violations with pointers into the document
     */
    public static List<Violation> senderRules(MessageKind kind, String sender, JsonNode document) {
        if (kind == MessageKind.AUDIT_CHECKPOINT && !sender.equals(document.path("node").asText())) {
            return List.of(new Violation("/node", "must be the sender's own node id " + sender
                    + ": a node checkpoints only its own audit chain"));
        }
        return List.of();
    }

    private static MessageKind kind(String id, List<Violation> problems) {
        try {
            return MessageKind.fromId(id == null ? "" : id);
        } catch (IllegalArgumentException e) {
            problems.add(new Violation("/kind", e.getMessage()));
            return null;
        }
    }

    private void checkReachable(List<String> finalRecipients, List<String> asGiven, List<Violation> problems) {
        for (String recipient : finalRecipients) {
            int index = Math.max(0, asGiven.indexOf(recipient));
            if (recipient.equals(self)) {
                problems.add(new Violation("/recipients/" + index, "a node cannot send to itself"));
            } else if (!resolver.reaches(recipient)) {
                problems.add(new Violation("/recipients/" + index, "no link to " + recipient
                        + " directly or through the hub"));
            } else {
                try {
                    directory.encryptionCertificate(recipient);
                } catch (CertificateDirectory.UnknownRecipientException e) {
                    problems.add(new Violation("/recipients/" + index, "no encryption certificate for " + recipient));
                }
            }
        }
    }
}
