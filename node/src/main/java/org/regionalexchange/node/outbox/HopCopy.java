package org.regionalexchange.node.outbox;

import java.util.List;

/**
 * One copy of a sealed envelope for one next hop, carrying the final recipients it is meant for. The wire bytes are
 * the same for every hop: relays forward them unchanged.
 */
public record HopCopy(String hop, String messageId, String sender, List<String> deliverTo, byte[] wire) {

    public HopCopy {
        deliverTo = List.copyOf(deliverTo);
    }

    public String deliverToProperty() {
        return String.join(",", deliverTo);
    }
}
