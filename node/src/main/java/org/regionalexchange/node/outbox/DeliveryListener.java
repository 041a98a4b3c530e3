package org.regionalexchange.node.outbox;

import java.util.List;

/** Told how each hand-over of an envelope from an outbox to a peer's broker went. */
public interface DeliveryListener {

    /**
     * The peer's broker accepted the copy.
     *
     * @param sender the envelope's originator; only this node's own messages have a status to update
     * @param deliverTo the final recipients carried by this copy
     */
    void forwarded(String messageId, String sender, List<String> deliverTo);

    /** The hand-over failed and the outbox will retry; {@code error} says why, for the status an operator reads. */
    void failed(String messageId, String sender, List<String> deliverTo, String error);
}
