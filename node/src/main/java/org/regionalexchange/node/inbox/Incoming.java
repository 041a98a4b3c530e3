package org.regionalexchange.node.inbox;

import java.util.List;

/**
 * An envelope as it arrived: the raw bytes (kept for quarantine), the peer that delivered it (the broker-validated
 * user, so it cannot be forged), and the routing facts it travelled with.
 *
 * @param resend the sender's resend number (0 for a first send), passed on unchanged when relayed
 * @param deliveryAttempt which delivery of this copy by this node's broker it is, 1 for the first; later ones
 *        follow a rollback
 */
public record Incoming(String messageId, String sender, byte[] wire, String peer, List<String> deliverTo,
        int resend, int deliveryAttempt) {

    public Incoming {
        deliverTo = List.copyOf(deliverTo);
    }
}
