package org.regionalexchange.node.inbox;

import java.util.List;

/**
 * An envelope as it arrived: the raw bytes (kept for quarantine), the peer that delivered it (the broker-validated
 * user, so it cannot be forged), and the routing facts it travelled with.
 *
 * @param redelivered whether the broker delivered it before and the earlier attempt did not commit
 */
public record Incoming(String messageId, String sender, byte[] wire, String peer, List<String> deliverTo,
        boolean redelivered) {

    public Incoming {
        deliverTo = List.copyOf(deliverTo);
    }
}
