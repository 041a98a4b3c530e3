package org.regionalexchange.node.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.time.Clock;
import java.time.Instant;
import org.regionalexchange.node.broker.EmbeddedBroker;
import org.regionalexchange.node.store.NodeDatabase;

/**
 * The node's vital signs: its broker is active, its database answers, its CRL is not past its nextUpdate, and each
 * peer's broker accepts a TCP connection. A peer that is down or a stale CRL is reported, not fatal: the outbox keeps
 * messages until the peer is back, and the last CRL still lists every revocation it knew.
 */
public final class Health {

    private static final int PEER_TIMEOUT_MILLIS = 1_000;

    private final EmbeddedBroker broker;
    private final NodeDatabase database;
    private final List<Peer> peers;
    private final Supplier<Instant> crlNextUpdate;
    private final Clock clock;

    public record Peer(String nodeId, String host, int port) {}

    /**
     * @param peers reachability per peer id
     * @param crlCurrent false once the CRL is past its nextUpdate: run `certs crl` and copy crl.pem to the nodes
     */
    public record Report(boolean broker, boolean database, boolean crlCurrent, Instant crlNextUpdate,
            Map<String, Boolean> peers) {
        public boolean up() {
            return broker && database;
        }
    }

    public Health(EmbeddedBroker broker, NodeDatabase database, List<Peer> peers, Supplier<Instant> crlNextUpdate,
            Clock clock) {
        this.broker = broker;
        this.database = database;
        this.peers = List.copyOf(peers);
        this.crlNextUpdate = crlNextUpdate;
        this.clock = clock;
    }

    public Report check() {
        Map<String, Boolean> reachable = new LinkedHashMap<>();
        peers.forEach(peer -> reachable.put(peer.nodeId(), reachable(peer)));
        Instant nextUpdate = crlNextUpdate.get();
        return new Report(broker.isActive(), database.isReachable(), clock.instant().isBefore(nextUpdate),
                nextUpdate, reachable);
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
