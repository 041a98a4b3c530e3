package org.regionalexchange.node.rules;

import java.util.List;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.schemas.Violation;

/**
 * Every rule a message breaks, and the one reason it is rejected with: the first in {@link #PRECEDENCE} that
 * occurs, so that a message not meant for this node is named so before anything about its content.
 */
public record RuleReport(List<RuleViolation> violations) {

    static final List<RejectReason> PRECEDENCE = List.of(RejectReason.NOT_ADDRESSED, RejectReason.SIGNED_IN_FUTURE,
            RejectReason.UNSUPPORTED_VERSION, RejectReason.FOREIGN_REFERENCE, RejectReason.SCHEMA_INVALID, RejectReason.IMPLAUSIBLE,
            RejectReason.UNKNOWN_REFERENCE);

    public RuleReport {
        violations = List.copyOf(violations);
    }

    public boolean isEmpty() {
        return violations.isEmpty();
    }

    /** @return the reason code of the rejection; only meaningful when the report is not empty */
    public RejectReason reason() {
        return PRECEDENCE.stream().filter(r -> violations.stream().anyMatch(v -> v.reason() == r)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no rule was broken"));
    }

    /** Whether every violation may go away by itself, because it only names alerts that have not arrived yet. */
    public boolean onlyPending() {
        return !violations.isEmpty() && violations.stream().allMatch(RuleViolation::pending);
    }

    /** The violations on one line, for the quarantine, a rejected receipt and the offline commands. */
    public String describe() {
        return Violation.describe(violations.stream().map(RuleViolation::violation).toList());
    }

    /**
     * The violations with pointers into a submission, whose fields carry the header's names at the top level
     * ({@code /header/expiresAt} is the submission's {@code /expiresAt}), and the reason code in the message.
     */
    public List<Violation> asSubmissionViolations() {
        return violations.stream().map(v -> new Violation(v.pointer().startsWith("/header/")
                ? v.pointer().substring("/header".length()) : v.pointer(), v.reason() + ": " + v.message()))
                .toList();
    }
}
