package org.regionalexchange.node.rules;

import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.schemas.Violation;

/**
 * One broken rule: the reason code a message is rejected with, and where, as a JSON pointer into the message
 * {@code {header, document}}.
 *
 * @param pending the violation may go away by itself: it names an alert that has not arrived here yet
 */
public record RuleViolation(RejectReason reason, Violation violation, boolean pending) {

    static RuleViolation of(RejectReason reason, String pointer, String message) {
        return new RuleViolation(reason, new Violation(pointer, message), false);
    }

    static RuleViolation pending(RejectReason reason, String pointer, String message) {
        return new RuleViolation(reason, new Violation(pointer, message), true);
    }

    public String pointer() {
        return violation.pointer();
    }

    public String message() {
        return violation.message();
    }
}
