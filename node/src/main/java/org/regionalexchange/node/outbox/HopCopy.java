package org.regionalexchange.node.outbox;

import java.util.List;

/**
 * One copy of a sealed envelope for one next hop, carrying the final recipients it is meant for. The wire bytes are
 * the same for every hop and every resend: relays forward them unchanged.
 *
 * @param resend 0 for the first send, n for the n-th resend after a missing receipt; it makes a resent copy's
 *     duplicate id new, so the brokers on the way do not drop it as a copy they already passed on
 */
public record HopCopy(String hop, String messageId, String sender, List<String> deliverTo, byte[] wire, int resend) {

    public HopCopy {
        deliverTo = List.copyOf(deliverTo);
    }

    public HopCopy(String hop, String messageId, String sender, List<String> deliverTo, byte[] wire) {
        this(hop, messageId, sender, deliverTo, wire, 0);
    }

    public String deliverToProperty() {
        return String.join(",", deliverTo);
    }
}
