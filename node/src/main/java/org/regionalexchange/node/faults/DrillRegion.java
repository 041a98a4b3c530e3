package org.regionalexchange.node.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.node.api.ApiUsers;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.audit.AuditEntry;

/**
 * The nodes of one drill, each a separate JVM with its own configuration file, data folder, database and log, over a
 * fresh regional PKI. The drill may route a link through a {@link TcpProxy}, point a node at PostgreSQL, and open the
 * local acceptor of the node whose subscriber counts what it is given. Public because the benchmark starts its
 * pipeline nodes the same way.
 */
public final class DrillRegion implements AutoCloseable {

    static final String SUBSCRIBER = "drill";
    static final String SUBSCRIBER_PASSWORD = "drill-subscriber";
    /** The API user the load, the readiness checks and the final readings sign in as, on every drill node. */
    static final String API_USER = "drill";
    private static final char[] API_PASSWORD = ApiUsers.newPassword();

    private final Path folder;
    private final RegionalPki pki;
    private final Map<String, Integer> peerPorts = new LinkedHashMap<>();
    private final Map<String, Integer> httpPorts = new LinkedHashMap<>();
    private final Map<String, Integer> localPorts = new LinkedHashMap<>();
    private final Map<String, List<String>> links = new LinkedHashMap<>();
    private final Map<String, Properties> settings = new LinkedHashMap<>();
    private final Map<String, NodeProcess> processes = new LinkedHashMap<>();
    private final String classpath;

    /** @param classpath what the nodes run from (see {@link NodeProcess}) */
    public DrillRegion(Path folder, List<String> nodes, List<List<String>> directLinks, String classpath) {
        this.folder = folder;
        this.classpath = classpath;
        this.pki = RegionalPki.create(folder.resolve("pki"), nodes, Clock.systemUTC());
        for (String node : nodes) {
            peerPorts.put(node, freePort());
            httpPorts.put(node, freePort());
            links.put(node, new ArrayList<>());
            settings.put(node, new Properties());
        }
        nodes.stream().filter(node -> !node.equals("CARICC") && nodes.contains("CARICC"))
                .forEach(node -> link(node, "CARICC"));
        directLinks.forEach(pair -> link(pair.get(0), pair.get(1)));
        nodes.forEach(node -> set(node, "node.db.url", "jdbc:h2:file:" + dataDir(node).resolve("db").resolve("node")));
        Path apiUsers = folder.resolve("api-users");
        new ApiUsers(apiUsers).add(API_USER, java.util.Set.of(Role.FOCAL_POINT, Role.AUDITOR), java.util.Set.of(),
                API_PASSWORD);
        // Plain HTTP on loopback keeps the drills' figures about delivery, not about the submitters' TLS.
        nodes.forEach(node -> set(node, "node.http.users-file", apiUsers.toString()));
        nodes.forEach(node -> set(node, "node.http.tls", "false"));
    }

    /** The Authorization header of the drill's API user. */
    public static String authorization() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((API_USER + ":" + new String(API_PASSWORD))
                .getBytes(StandardCharsets.UTF_8));
    }

    public void set(String node, String key, String value) {
        settings.get(node).setProperty(key, value);
    }

    /** Sends this node's traffic for {@code peer} to another port, e.g. a proxy in front of the peer. */
    void routeLink(String node, String peer, int port) {
        set(node, "node.peer." + peer.toLowerCase(Locale.ROOT) + ".url", "tcp://127.0.0.1:" + port);
    }

    /** Opens the node's local acceptor with the drill subscriber's login; returns its port. */
    int openLocalAcceptor(String node) {
        int port = freePort();
        localPorts.put(node, port);
        Path users = folder.resolve("local-users-" + node + ".properties");
        write(users, SUBSCRIBER + "=" + AuditEntry.sha256(SUBSCRIBER_PASSWORD.getBytes(StandardCharsets.UTF_8)) + "\n");
        set(node, "node.broker.local-port", Integer.toString(port));
        set(node, "node.broker.local-users-file", users.toString());
        return port;
    }

    int peerPort(String node) {
        return peerPorts.get(node);
    }

    String databaseUrl(String node) {
        return settings.get(node).getProperty("node.db.url");
    }

    String databaseUser(String node) {
        return settings.get(node).getProperty("node.db.user", "node");
    }

    Path dataDir(String node) {
        return folder.resolve("data").resolve(node);
    }

    RegionalPki pki() {
        return pki;
    }

    public NodeProcess node(String node) {
        return processes.computeIfAbsent(node, id -> new NodeProcess(id, writeConfig(id),
                folder.resolve(id + ".log"), httpPorts.get(id), classpath));
    }

    List<String> nodes() {
        return List.copyOf(peerPorts.keySet());
    }

    @Override
    public void close() {
        processes.values().forEach(NodeProcess::stop);
    }

    private Path writeConfig(String node) {
        Properties properties = new Properties();
        properties.setProperty("node.id", node);
        properties.setProperty("node.data-dir", dataDir(node).toString());
        properties.setProperty("node.region", String.join(",", peerPorts.keySet()));
        properties.setProperty("node.broker.peer-port", peerPorts.get(node).toString());
        properties.setProperty("node.http.port", httpPorts.get(node).toString());
        properties.setProperty("node.pki.dir", pki.directory().toString());
        properties.setProperty("node.peers", String.join(",", links.get(node)));
        for (String peer : links.get(node)) {
            properties.setProperty("node.peer." + peer.toLowerCase(Locale.ROOT) + ".url",
                    "tcp://127.0.0.1:" + peerPorts.get(peer));
        }
        properties.putAll(settings.get(node));
        Path file = folder.resolve(node + ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "fault drill node " + node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void link(String a, String b) {
        if (!links.get(a).contains(b)) {
            links.get(a).add(b);
            links.get(b).add(a);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        return org.regionalexchange.node.faults.LoopbackPorts.free();
    }
}
