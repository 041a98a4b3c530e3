package org.regionalexchange.node.outbox;

/** Told when a peer's broker has accepted an envelope from an outbox. */
public interface DeliveryListener {

    /**
     * @param sender the envelope's originator; only this node's own messages have a status to update
     * @param deliverTo comma-separated final recipients carried by this copy
     */
    void forwarded(String messageId, String sender, String deliverTo);
}
