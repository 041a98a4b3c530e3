package org.regionalexchange.node.broker;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * What the embedded broker needs, independent of how the node reads its settings.
 *
 * @param localPort 0 disables the local-subscriber acceptor
 * @param peers node ids that get a durable outbox queue
 * @param maxMessageBytes the largest message a peer or local system may send to this broker
 * @param inboxLimits what each peer may have waiting in its inbox, and how many connections it may hold
 */
public record BrokerConfig(
        String nodeId,
        Path dataDir,
        String host,
        int peerPort,
        int localPort,
        Path tlsKeystore,
        Path truststore,
        char[] password,
        Collection<String> peers,
        long maxMessageBytes,
        InboxLimits inboxLimits) {

    public BrokerConfig {
        peers = List.copyOf(peers);
    }

    public BrokerConfig(String nodeId, Path dataDir, String host, int peerPort, int localPort, Path tlsKeystore,
            Path truststore, char[] password, Collection<String> peers, long maxMessageBytes) {
        this(nodeId, dataDir, host, peerPort, localPort, tlsKeystore, truststore, password, peers, maxMessageBytes,
                InboxLimits.DEFAULT);
    }
}
