package org.regionalexchange.node.outbox;

import java.util.List;

/** Told how each hand-over of an envelope from an outbox to a peer's broker went. */
public interface DeliveryListener {

    /**
     * The peer's broker accepted the copy.
     *
     * @param sender the envelope's originator; only this node's own messages have a status to update
     * @param deliverTo the final recipients carried by this copy
     * @param hop the peer that took it: the next hop the status shows
     */
    void forwarded(String messageId, String sender, List<String> deliverTo, String hop);

    /** The hand-over failed and the outbox will retry; {@code error} says why, for the status an operator reads. */
    void failed(String messageId, String sender, List<String> deliverTo, String error);

    /**
     * A copy that waited for a neighbour whose link is down was queued again for other hops (the hub), inside the
     * delivery route's transaction; see {@link Diversion}.
     */
    void diverted(HopCopy waiting, List<HopCopy> replacements);
}
