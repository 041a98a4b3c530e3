package org.regionalexchange.node.broker;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.apache.activemq.artemis.api.core.ActiveMQAddressFullException;
import org.apache.activemq.artemis.api.core.Interceptor;
import org.apache.activemq.artemis.core.protocol.core.Packet;
import org.apache.activemq.artemis.core.protocol.core.impl.wireformat.SessionSendMessage;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a send into a full peer inbox that asked for no confirmation of its own (an asynchronous send, or
 * one inside a transaction, confirmed only at the commit). The broker cannot answer such a send, so past the limit it
 * would log an error with a stack trace for every one: a peer flooding that way stalled the node through its log.
 * Instead such a send is dropped here, before the broker works on it, and the connection is failed once, so a
 * transacted sender's commit fails (nothing it sent in the transaction is kept) and it tries again later, while a
 * flooder has to reconnect. Counted per remote address and logged at most once a minute. Confirmed sends (every
 * node's hand-over is a blocking durable send) are refused by the broker itself, with the reason, at the sender.
 */
final class FullInboxGuard implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(FullInboxGuard.class);

    private final String nodeId;
    private final Predicate<String> fullPeerInbox;
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    private final Map<String, Long> logged = new ConcurrentHashMap<>();
    private final Map<Object, Boolean> failing = new ConcurrentHashMap<>();

    /** @param fullPeerInbox whether an address is a peer inbox at or over its limit */
    FullInboxGuard(String nodeId, Predicate<String> fullPeerInbox) {
        this.nodeId = nodeId;
        this.fullPeerInbox = fullPeerInbox;
    }

    @Override
    public boolean intercept(Packet packet, RemotingConnection connection) {
        if (!(packet instanceof SessionSendMessage send) || send.isRequiresResponse() || send.getMessage() == null
                || send.getMessage().getAddress() == null || !fullPeerInbox.test(send.getMessage().getAddress())) {
            return true;
        }
        String from = connection.getRemoteAddress();
        LongAdder count = dropped.computeIfAbsent(from, address -> new LongAdder());
        count.increment();
        long now = System.nanoTime();
        Long last = logged.get(from);
        if (last == null || now - last > TimeUnit.MINUTES.toNanos(1)) {
            logged.put(from, now);
            LOG.warn("{}: dropped unconfirmed sends from {} into the full {} ({} so far) and closed its connection;"
                    + " not logged again for a minute", nodeId, from, send.getMessage().getAddress(), count.sum());
        }
        if (failing.putIfAbsent(connection.getID(), Boolean.TRUE) == null) {
            CompletableFuture.runAsync(() -> {
                try {
                    connection.fail(new ActiveMQAddressFullException("the inbox " + send.getMessage().getAddress()
                            + " of " + nodeId + " is full: send with confirmation, or later"));
                } finally {
                    failing.remove(connection.getID());
                }
            });
        }
        return false;
    }

    long droppedInAll() {
        return dropped.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
