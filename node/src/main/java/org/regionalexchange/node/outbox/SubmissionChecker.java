package org.regionalexchange.node.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.regionalexchange.node.routing.CertificateDirectory;
import org.regionalexchange.node.routing.NextHopResolver;
import org.regionalexchange.node.rules.MessageRules;
import org.regionalexchange.node.rules.VersionRules;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaCatalog;
import org.regionalexchange.schemas.Violation;

/**
 * Turns a submission into a message ready to seal: checks the document against the newest schema of its kind,
 * labels it with the lowest version it is valid against, builds and checks the header, applies the
 * {@link MessageRules} of a message about to be sent, checks that every recipient will accept it as the
 * {@link VersionRules} say it reads it, and plans the hops. Reports every problem at once, with JSON pointers into
 * the submission, and builds nothing when there is one.
 */
public final class SubmissionChecker {

    private final String self;
    private final SchemaCatalog catalog;
    private final NextHopResolver resolver;
    private final CertificateDirectory directory;
    private final Clock clock;
    private final MessageRules rules;
    private final VersionRules versions;

    public SubmissionChecker(String self, SchemaCatalog catalog, NextHopResolver resolver,
            CertificateDirectory directory, Clock clock, MessageRules rules) {
        this(self, catalog, resolver, directory, clock, rules, VersionRules.undeclared(catalog));
    }

    public SubmissionChecker(String self, SchemaCatalog catalog, NextHopResolver resolver,
            CertificateDirectory directory, Clock clock, MessageRules rules, VersionRules versions) {
        this.self = self;
        this.versions = versions;
        this.rules = rules;
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
            }
        }
        String label = kind == null ? VersionRules.FIRST_RELEASE
                : problems.isEmpty() ? versions.label(kind, submission.document()) : catalog.currentVersion(kind);
        ObjectNode header = submission.header(self, label, clock.instant());
        problems.addAll(catalog.validateHeader(header));
        if (problems.isEmpty()) {
            problems.addAll(rules.submitted(header, submission.document()).asSubmissionViolations());
        }
        List<String> finalRecipients = resolver.expand(submission.recipients(), self);
        checkReachable(finalRecipients, submission.recipients(), problems);
        if (problems.isEmpty()) {
            problems.addAll(versions.unreadable(kind, label, submission.document(), finalRecipients,
                    submission.recipients()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSubmissionException(problems);
        }
        return new OutgoingMessage(header, submission.document(), finalRecipients,
                resolver.plan(finalRecipients), null);
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
