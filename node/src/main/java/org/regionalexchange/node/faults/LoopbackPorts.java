package org.regionalexchange.node.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports on loopback for the nodes a drill, the demo or the benchmark starts, chosen below the kernel's
 * ephemeral range (32768 and up on Linux). A port the kernel hands out with {@code new ServerSocket(0)} comes from
 * that range, where every outgoing connection also takes its local port: between the choice and the node's bind,
 * seconds later, a client connection can take it, and the node fails with "address already in use". Ports handed
 * out here are also never handed out twice in one JVM.
 */
public final class LoopbackPorts {

    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {}

    /** A port nothing listens on now, outside the ephemeral range, not given out before by this JVM. */
    public static int free() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (GIVEN.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException taken) {
                continue;
            }
            if (GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port between " + LOW + " and " + HIGH
                + " after 1,000 tries: stop what holds them, or free some ports");
    }
}
