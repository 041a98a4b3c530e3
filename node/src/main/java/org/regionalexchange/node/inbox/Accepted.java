package org.regionalexchange.node.inbox;

import org.regionalexchange.node.envelope.OpenedMessage;

/**
 * A verified message after the duplicate check.
 *
 * @param duplicate the same message already arrived (by another path, or before a redelivery): nothing more to do
 */
public record Accepted(OpenedMessage message, boolean duplicate) {

    public boolean isReceipt() {
        return "receipt".equals(message.kind());
    }
}
