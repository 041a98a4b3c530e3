package org.regionalexchange.node.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.ApiUsers;
import org.regionalexchange.node.api.Role;

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
    private final Map<Role, ApiClient.Credentials> users = new java.util.EnumMap<>(Role.class);

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
        createUsers();
    }

    /**
     * One API user per role, the same on every node (one users file, so each slow hash is computed once): named
     * after the role, with a fresh random password; the customs unit serves Alat (UZ-ALAT).
     */
    private void createUsers() {
        ApiUsers file = new ApiUsers(usersFile());
        for (Role role : Role.values()) {
            char[] password = ApiUsers.newPassword();
            file.add(role.id(), java.util.Set.of(role), role == Role.CUSTOMS_UNIT ? java.util.Set.of(CUSTOMS_UNIT)
                    : java.util.Set.of(), password);
            users.put(role, new ApiClient.Credentials(role.id(), password));
        }
    }

    /** The crossing point of the region's customs-unit user. */
    public static final String CUSTOMS_UNIT = "UZ-ALAT";

    public Path usersFile() {
        return folder.resolve("api-users");
    }

    /** The user of this role on every node. */
    public ApiClient.Credentials credentials(Role role) {
        return users.get(role);
    }

    /** A client of a running node's API signed in as the user of this role. */
    public ApiClient client(String node, Role role) {
        return new ApiClient(baseUrl(node), caCertificate(), credentials(role));
    }

    public String baseUrl(String node) {
        return "https://127.0.0.1:" + httpPorts.get(node);
    }

    public Path caCertificate() {
        return pki.directory().resolve("ca.crt.pem");
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
        properties.setProperty("node.http.users-file", usersFile().toString());
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

    /** The port of a node's broker for its peers, e.g. for a proxy that sits in front of it. */
    public int peerPort(String node) {
        return peerPorts.get(node);
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
        return org.regionalexchange.node.faults.LoopbackPorts.free();
    }
}
