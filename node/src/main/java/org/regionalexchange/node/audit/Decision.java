package org.regionalexchange.node.audit;

/** What the node did with a message. */
public enum Decision {
    SENT, RECEIVED, RELAYED, REJECTED, DUPLICATE, RECEIPT,
    /** A copy of a sent message queued again because no receipt came back in time. */
    RESENT,
    /**
     * A copy that waited for a neighbour whose direct link went down, queued again for the hub (the entry's peer)
     * to relay.
     */
    DIVERTED,
    /** A recorded submission whose copies could not be queued; it was answered with an error and removed. */
    WITHDRAWN,
    /** A quarantined message an operator (the entry's peer) put back into the inbox, as delivered again. */
    RELEASED,
    /** A quarantined message an operator (the entry's peer) removed. */
    DELETED,
    /** A dead-lettered message an operator (the entry's peer) moved back to the address it failed on. */
    RETRIED,
    /** A dead-lettered message an operator (the entry's peer) removed. */
    DISCARDED
}
