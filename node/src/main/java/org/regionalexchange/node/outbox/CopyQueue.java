package org.regionalexchange.node.outbox;

/**
 * The last step of a submission: queue the copies of a message already recorded, or withdraw the record when they
 * cannot be queued, so that an error answer to the submitter means the message will not travel.
 */
public final class CopyQueue {

    private final OutboxWriter outbox;
    private final SentLedger ledger;

    public CopyQueue(OutboxWriter outbox, SentLedger ledger) {
        this.outbox = outbox;
        this.ledger = ledger;
    }

    /** @return the messageId, once every copy is durably queued (or, in a transacted route, will be at its commit) */
    public String queue(OutgoingMessage message) {
        try {
            return outbox.enqueue(message);
        } catch (RuntimeException e) {
            ledger.withdraw(message, e);
            throw e;
        }
    }
}
