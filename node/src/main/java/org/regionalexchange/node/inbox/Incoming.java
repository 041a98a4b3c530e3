package org.regionalexchange.node.inbox;

import java.util.List;

/**
 * An envelope as it arrived: the raw bytes (kept for quarantine), the peer that delivered it (the broker-validated
 * user, so it cannot be forged), and the routing facts it travelled with.
 *
 * @param resend the sender's resend number (0 for a first send), passed on unchanged when relayed
 * @param releasedFrom the quarantine entry an operator released this copy from, 0 for a copy a peer delivered
 * @param deliveryAttempt which delivery of this copy by this node's broker it is, 1 for the first; later ones
 *        follow a rollback
 */
public record Incoming(String messageId, String sender, byte[] wire, String peer, List<String> deliverTo,
        int resend, long releasedFrom, int deliveryAttempt) {

    public Incoming {
        deliverTo = List.copyOf(deliverTo);
    }

    public Incoming(String messageId, String sender, byte[] wire, String peer, List<String> deliverTo, int resend) {
        this(messageId, sender, wire, peer, deliverTo, resend, 0, 1);
    }
}
