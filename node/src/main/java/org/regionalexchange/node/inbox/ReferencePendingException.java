package org.regionalexchange.node.inbox;

/**
 * An update or cancellation whose alert has not reached this node yet: transient, since the alert may come by
 * another path (the update direct, the alert through the hub). Not a rejection, so the inbox transaction rolls back
 * and the broker redelivers with its back-off, until {@link Acceptance} gives up and rejects.
 */
public final class ReferencePendingException extends RuntimeException {

    public ReferencePendingException(String message) {
        super(message);
    }
}
