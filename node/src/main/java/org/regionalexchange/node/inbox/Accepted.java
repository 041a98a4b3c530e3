package org.regionalexchange.node.inbox;

import java.time.Instant;
import org.regionalexchange.node.envelope.OpenedMessage;

/**
 * A verified message after the duplicate check, durably stored with its audit entry.
 *
 * @param duplicate an earlier copy was already stored (another path, a resend, or a redelivery after a crash)
 * @param dispatched the local subscribers already have it
 * @param receivedAt when the first copy was stored; the receipt states it, so every copy gets the same answer
 */
public record Accepted(OpenedMessage message, boolean duplicate, boolean dispatched, Instant receivedAt) {

    public boolean isReceipt() {
        return "receipt".equals(message.kind());
    }
}
