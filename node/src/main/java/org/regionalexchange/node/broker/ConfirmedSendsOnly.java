package org.regionalexchange.node.broker;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.activemq.artemis.api.core.Interceptor;
import org.apache.activemq.artemis.core.protocol.core.Packet;
import org.apache.activemq.artemis.core.protocol.core.impl.wireformat.SessionSendMessage;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnection;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peers hand over with confirmed sends: every node's hand-over is a blocking durable send, because only the peer's
 * confirmation lets it mark a copy forwarded. A send on the peers' acceptor that asks for no confirmation is dropped
 * here, before the broker works on it: such a client can send as fast as the network carries, and past its inbox
 * limit each refusal it cannot be told of would cost the broker an error report of its own, so a flood would stall
 * the node through its log. Dropped sends are counted per remote address and logged at most once a minute.
 */
final class ConfirmedSendsOnly implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ConfirmedSendsOnly.class);

    private final String nodeId;
    private final int peerPort;
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    private final Map<String, Long> logged = new ConcurrentHashMap<>();

    ConfirmedSendsOnly(String nodeId, int peerPort) {
        this.nodeId = nodeId;
        this.peerPort = peerPort;
    }

    @Override
    public boolean intercept(Packet packet, RemotingConnection connection) {
        if (!(packet instanceof SessionSendMessage send) || send.isRequiresResponse() || !onPeerAcceptor(connection)) {
            return true;
        }
        String from = connection.getRemoteAddress();
        LongAdder count = dropped.computeIfAbsent(from, address -> new LongAdder());
        count.increment();
        long now = System.nanoTime();
        Long last = logged.get(from);
        if (last == null || now - last > TimeUnit.MINUTES.toNanos(1)) {
            logged.put(from, now);
            LOG.warn("{}: dropped unconfirmed sends from {} on the peers' acceptor ({} so far): peers must send with"
                    + " confirmation (blocking durable sends); not logged again for a minute", nodeId, from,
                    count.sum());
        }
        return false;
    }

    /** Sends dropped so far from one remote address. */
    long dropped(String remoteAddress) {
        LongAdder count = dropped.get(remoteAddress);
        return count == null ? 0 : count.sum();
    }

    long droppedInAll() {
        return dropped.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private boolean onPeerAcceptor(RemotingConnection connection) {
        if (!(connection.getTransportConnection() instanceof NettyConnection netty)) {
            return false;
        }
        SocketAddress local = netty.getChannel().localAddress();
        return local instanceof InetSocketAddress address && address.getPort() == peerPort;
    }
}
