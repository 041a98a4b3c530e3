package org.regionalexchange.node.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.regionalexchange.node.broker.EmbeddedBroker;
import org.regionalexchange.node.store.NodeDatabase;

/**
 * The node's vital signs: its broker is active, its database answers, and each peer's broker accepts a TCP
 * connection. A peer that is down is reported, not fatal: its outbox keeps the messages until it is back.
 */
public final class Health {

    private static final int PEER_TIMEOUT_MILLIS = 1_000;

    private final EmbeddedBroker broker;
    private final NodeDatabase database;
    private final List<Peer> peers;

    public record Peer(String nodeId, String host, int port) {}

    /** @param peers reachability per peer id */
    public record Report(boolean broker, boolean database, Map<String, Boolean> peers) {
        public boolean up() {
            return broker && database;
        }
    }

    public Health(EmbeddedBroker broker, NodeDatabase database, List<Peer> peers) {
        this.broker = broker;
        this.database = database;
        this.peers = List.copyOf(peers);
    }

    public Report check() {
        Map<String, Boolean> reachable = new LinkedHashMap<>();
        peers.forEach(peer -> reachable.put(peer.nodeId(), reachable(peer)));
        return new Report(broker.isActive(), database.isReachable(), reachable);
    }

    private static boolean reachable(Peer peer) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(peer.host(), peer.port()), PEER_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
