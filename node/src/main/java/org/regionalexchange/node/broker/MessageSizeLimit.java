package org.regionalexchange.node.broker;

import java.util.Set;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a message over node.limits.message-bytes on the addresses outsiders send to, before it is stored, routed
 * or read by the node: Artemis has no per-message limit of its own. The size is the whole message as the broker holds
 * it (headers, properties and body; for a large message the body streamed to disk), so a peer cannot hide bulk in
 * properties. The sender's send fails with the reason.
 */
final class MessageSizeLimit implements ActiveMQServerMessagePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(MessageSizeLimit.class);

    private final String nodeId;
    private final long maxBytes;
    private final Set<String> addresses;

    /** @param nodeId this broker's node, named in the refusal so the sender's status says whose limit it was */
    MessageSizeLimit(String nodeId, long maxBytes, Set<String> addresses) {
        this.nodeId = nodeId;
        this.maxBytes = maxBytes;
        this.addresses = java.util.concurrent.ConcurrentHashMap.newKeySet();
        this.addresses.addAll(addresses);
    }

    /** Limits one more address: the inbox of a peer linked while the broker runs. */
    void limit(String address) {
        addresses.add(address);
    }

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
            boolean noAutoCreateQueue) throws ActiveMQException {
        String address = message.getAddress();
        if (address == null || !addresses.contains(address)) {
            return;
        }
        long size = message.getWholeMessageSize();
        if (size > maxBytes) {
            String peer = session.getValidatedUser();
            LOG.warn("refused a message of {} bytes from {} to {}: over node.limits.message-bytes {}", size, peer,
                    address, maxBytes);
            throw new ActiveMQSecurityException("refused: message of " + size + " bytes exceeds "
                    + "node.limits.message-bytes " + maxBytes + " of " + nodeId);
        }
    }
}
