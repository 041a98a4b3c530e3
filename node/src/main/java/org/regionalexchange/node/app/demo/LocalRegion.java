package org.regionalexchange.node.app.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.ApiUsers;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.wiring.NodeRuntime;
import org.regionalexchange.node.app.wiring.NodeSettings;
import org.regionalexchange.node.app.wiring.SettingsReader;

/**
 * Several nodes in one JVM on loopback, each with its own ports, data folder and H2 database, over one fresh
 * regional PKI: the demo, and the multi-node tests. Links: every country node to the hub, plus the direct links
 * given. A stopped node can be started again on the same ports and data, as after a restart.
 *
 * <p>Two ways to build the PKI. The constructor makes every node's keys in one shared folder ({@code pki/}, one
 * password), which the multi-node tests use to reach any node's keys. {@link #enrolled} builds the region as members
 * join a real one ({@link RegionEnrolment}):
 *
 * <pre>
 * ca/                       CARICC's CA: ca.crt.pem, crl.pem, ca/ca.p12, and each member's public certificates
 *                           &lt;NODE&gt;/{tls,signing,encryption}.crt.pem, from which the hub publishes its first directory
 * nodes/&lt;NODE&gt;/              one per node, its node.pki.dir: &lt;NODE&gt;/node.p12, tls.p12, its own certificates, the
 *                           root, truststore.p12, crl.pem, and keystore.pass (its own random password)
 * </pre>
 *
 * There a member knows no other member's certificates from its files: it learns them from the hub's member directory,
 * so it can send to them once it has applied one ({@link #awaitDirectory}).
 */
public final class LocalRegion implements AutoCloseable {

    private final Path folder;
    private final RegionalPki pki;
    private final boolean enrolled;
    private final Map<String, Path> pkiDirs = new LinkedHashMap<>();
    private final Map<String, Integer> peerPorts = new LinkedHashMap<>();
    private final Map<String, Integer> httpPorts = new LinkedHashMap<>();
    private final Map<String, List<String>> links = new LinkedHashMap<>();
    private final Map<String, NodeRuntime> running = new LinkedHashMap<>();
    private final Map<String, Properties> extra = new LinkedHashMap<>();
    private final Map<Role, ApiClient.Credentials> users = new java.util.EnumMap<>(Role.class);

    /** A region over one shared folder of every node's keys ({@code pki/}), as the multi-node tests use. */
    public LocalRegion(Path folder, List<String> nodes, List<List<String>> directLinks) {
        this(folder, nodes, directLinks, false);
    }

    /**
     * A region built by enrolment: CARICC's CA alone in {@code ca/}, every node (CARICC included) with its own keys
     * and password in {@code nodes/<NODE>/}, certified by the CA from its requests. The hub takes the members'
     * certificates for its first member directory, and the CRL, from the CA's folder; the members learn each other's
     * certificates from that directory.
     */
    public static LocalRegion enrolled(Path folder, List<String> nodes, List<List<String>> directLinks) {
        return new LocalRegion(folder, nodes, directLinks, true);
    }

    private LocalRegion(Path folder, List<String> nodes, List<List<String>> directLinks, boolean enrolled) {
        this.folder = folder;
        this.enrolled = enrolled;
        if (enrolled) {
            this.pki = RegionEnrolment.authority(folder.resolve("ca"), Clock.systemUTC());
            nodes.forEach(node -> pkiDirs.put(node, RegionEnrolment.enrol(pki, folder.resolve("nodes")
                    .resolve(node), node)));
        } else {
            this.pki = RegionalPki.create(folder.resolve("pki"), nodes, Clock.systemUTC());
            nodes.forEach(node -> pkiDirs.put(node, pki.directory()));
        }
        for (String node : nodes) {
            peerPorts.put(node, freePort());
            httpPorts.put(node, freePort());
            links.put(node, new java.util.ArrayList<>());
        }
        for (String node : nodes) {
            if (!node.equals(HUB) && nodes.contains(HUB)) {
                link(node, HUB);
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

    /** The region's hub, which runs the CA and publishes the member directory. */
    public static final String HUB = "CARICC";

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
        properties.setProperty("node.pki.dir", pkiDir(node).toString());
        if (enrolled && node.equals(HUB)) {
            // CARICC runs the CA: its first directory carries the certificates the CA signed, and its CRL.
            properties.setProperty("node.pki.certificates-dir", pki.directory().toString());
            properties.setProperty("node.pki.crl", pki.crlPem().toString());
            // ... and re-issues the CRL itself before its nextUpdate, publishing it in the next directory.
            properties.setProperty("node.directory.ca-dir", pki.directory().toString());
        }
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

    /** The region's CA: in an enrolled region it holds only the members' certificates, never their keys. */
    public RegionalPki pki() {
        return pki;
    }

    /** Whether the region was built by enrolment ({@link #enrolled}) rather than over one shared folder of keys. */
    public boolean isEnrolled() {
        return enrolled;
    }

    /** The folder a node's {@code node.pki.dir} points at: its own when enrolled, else the shared one. */
    public Path pkiDir(String node) {
        Path dir = pkiDirs.get(node);
        if (dir == null) {
            throw new IllegalArgumentException("no node " + node + " in this region (nodes: " + pkiDirs.keySet()
                    + "): name one of them");
        }
        return dir;
    }

    /** The region's nodes, hub first when it was given first. */
    public List<String> nodes() {
        return List.copyOf(pkiDirs.keySet());
    }

    /** The region's nodes other than the hub. */
    public List<String> members() {
        return pkiDirs.keySet().stream().filter(node -> !node.equals(HUB)).toList();
    }

    /**
     * Waits until each of these running nodes has applied a member directory of at least this version.
     *
     * @return the lowest version in force among them
     * @throws DirectoryNotAppliedException naming the nodes still below it when the time is up
     */
    public long awaitDirectory(long version, List<String> nodes, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            Map<String, Long> below = new LinkedHashMap<>();
            long lowest = Long.MAX_VALUE;
            for (String node : nodes) {
                NodeRuntime runtime = running.get(node);
                if (runtime == null) {
                    throw new IllegalStateException(node + " is not running: start it before waiting for its member"
                            + " directory");
                }
                long inForce = runtime.services().directory().version();
                lowest = Math.min(lowest, inForce);
                if (inForce < version) {
                    below.put(node, inForce);
                }
            }
            if (below.isEmpty()) {
                return nodes.isEmpty() ? version : lowest;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DirectoryNotAppliedException(version, within, below);
            }
            Thread.sleep(100);
        }
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

    /**
     * Stops every node: first each one's routes, heartbeats and timers, while every broker still runs, then each
     * one's broker and database. Stopped one by one, the nodes still running would log the stopped one's link as
     * failing, with its hand-overs and heartbeats refused.
     */
    @Override
    public void close() {
        List<NodeRuntime> nodes = List.copyOf(running.values());
        nodes.forEach(NodeRuntime::quiesce);
        running.clear();
        nodes.forEach(NodeRuntime::close);
    }

    private static int freePort() {
        return org.regionalexchange.node.faults.LoopbackPorts.free();
    }
}
