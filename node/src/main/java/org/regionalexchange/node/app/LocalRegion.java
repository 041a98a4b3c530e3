package org.regionalexchange.node.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.regionalexchange.certs.RegionalPki;

/**
 * Several nodes in one JVM on loopback, each with its own ports, data folder and H2 database, over one fresh
 * regional PKI: the demo, and the multi-node tests. Links: every country node to the hub, plus the direct links
 * given. A stopped node can be started again on the same ports and data, as after a restart.
 */
public final class LocalRegion implements AutoCloseable {

    private final Path folder;
    private final RegionalPki pki;
    private final Map<String, Integer> peerPorts = new LinkedHashMap<>();
    private final Map<String, Integer> httpPorts = new LinkedHashMap<>();
    private final Map<String, List<String>> links = new LinkedHashMap<>();
    private final Map<String, NodeRuntime> running = new LinkedHashMap<>();
    private final Map<String, Properties> extra = new LinkedHashMap<>();

    public LocalRegion(Path folder, List<String> nodes, List<List<String>> directLinks) {
        this.folder = folder;
        this.pki = RegionalPki.create(folder.resolve("pki"), nodes, Clock.systemUTC());
        for (String node : nodes) {
            peerPorts.put(node, freePort());
            httpPorts.put(node, freePort());
            links.put(node, new java.util.ArrayList<>());
        }
        for (String node : nodes) {
            if (!node.equals("CARICC") && nodes.contains("CARICC")) {
                link(node, "CARICC");
            }
        }
        directLinks.forEach(pair -> link(pair.get(0), pair.get(1)));
    }

    private void link(String a, String b) {
        if (!links.get(a).contains(b)) {
            links.get(a).add(b);
            links.get(b).add(a);
        }
    }

    public Properties properties(String node) {
        Properties properties = new Properties();
        properties.setProperty("node.id", node);
        properties.setProperty("node.data-dir", folder.resolve("data").resolve(node).toString());
        properties.setProperty("node.region", String.join(",", peerPorts.keySet()));
        properties.setProperty("node.broker.peer-port", peerPorts.get(node).toString());
        properties.setProperty("node.http.port", httpPorts.get(node).toString());
        properties.setProperty("node.pki.dir", pki.directory().toString());
        properties.setProperty("node.peers", String.join(",", links.get(node)));
        for (String peer : links.get(node)) {
            properties.setProperty("node.peer." + peer.toLowerCase(java.util.Locale.ROOT) + ".url", "tcp://127.0.0.1:" + peerPorts.get(peer));
        }
        properties.putAll(extra.getOrDefault(node, new Properties()));
        return properties;
    }

    /** Adds or overrides a setting of one node, e.g. to open its local-subscriber acceptor or route a link. */
    public void set(String node, String key, String value) {
        extra.computeIfAbsent(node, n -> new Properties()).setProperty(key, value);
    }

    public NodeRuntime start(String node) {
        NodeSettings settings = new SettingsReader(properties(node), name -> null).read();
        NodeRuntime runtime = NodeRuntime.start(settings, Clock.systemUTC());
        running.put(node, runtime);
        return runtime;
    }

    public void stop(String node) {
        NodeRuntime runtime = running.remove(node);
        if (runtime != null) {
            runtime.close();
        }
    }

    public NodeRuntime node(String node) {
        return running.get(node);
    }

    public RegionalPki pki() {
        return pki;
    }

    public int httpPort(String node) {
        return httpPorts.get(node);
    }

    /** A free loopback port for a setting such as node.broker.local-port. */
    public static int freeLoopbackPort() {
        return freePort();
    }

    @Override
    public void close() {
        List.copyOf(running.keySet()).forEach(this::stop);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
