package org.regionalexchange.node.outbox;

import java.util.Optional;

/** What a submitter on the broker's local port may hand in to {@code local.submit}, by the login it came with. */
public interface LocalSubmitters {

    /** Every local system may submit anything, and reads its answer on the shared dispatch address. */
    LocalSubmitters ANY = new LocalSubmitters() {
        @Override
        public Submission check(Submission submission, String user) {
            return submission;
        }

        @Override
        public Optional<String> answerQueue(String user) {
            return Optional.empty();
        }
    };

    /**
     * The submission as it will be sent: unchanged, or completed (e.g. addressed back to a warning's sender).
     *
     * @param user the broker login that sent it; null when the broker did not say
     * @throws InvalidSubmissionException naming what this submitter may not send
     */
    Submission check(Submission submission, String user);

    /** A queue of the submitter's own for the answer, or empty for the shared dispatch address. */
    Optional<String> answerQueue(String user);
}
