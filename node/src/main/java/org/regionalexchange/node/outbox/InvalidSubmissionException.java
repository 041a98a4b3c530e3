package org.regionalexchange.node.outbox;

import java.util.List;
import org.regionalexchange.schemas.Violation;

/** A submission that cannot be sent as it is; carries every violation so the sender can fix them all at once. */
public final class InvalidSubmissionException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidSubmissionException(List<Violation> violations) {
        super(violations.size() + " problem(s): " + Violation.describe(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
