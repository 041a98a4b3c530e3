package org.regionalexchange.node.audit;

/** What the node did with a message. */
public enum Decision {
    SENT, RECEIVED, RELAYED, REJECTED, DUPLICATE, RECEIPT
}
