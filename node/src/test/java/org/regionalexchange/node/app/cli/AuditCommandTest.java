package org.regionalexchange.node.app.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.app.NodeCli;
import org.regionalexchange.node.audit.AuditAnchor;
import org.regionalexchange.node.audit.AuditAnchoring;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.store.NodeDatabase;
import picocli.CommandLine;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `node audit verify`: the database directly when it is free, the running node's API while the node holds it; with
 * --hub-api against the hub's checkpoint too.
 */
class AuditCommandTest {

    @TempDir
    static Path folder;

    /** One database held by another JVM for the whole class: starting that JVM is the slow part. */
    static Path heldDataDir;
    static DatabaseHeldElsewhere held;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void nodeHoldingItsDatabase() throws IOException {
        Path pki = Files.createDirectories(folder.resolve("pki/KZ")).getParent();
        for (Path file : new Path[] {pki.resolve("KZ/node.p12"), pki.resolve("KZ/tls.p12"),
                pki.resolve("truststore.p12"), pki.resolve("ca.crt.pem"), pki.resolve("crl.pem")}) {
            Files.writeString(file, "x");
        }
        Files.writeString(pki.resolve("keystore.pass"), "secret\n");
        heldDataDir = folder.resolve("held");
        anchoredDatabase(heldDataDir).close();
        held = DatabaseHeldElsewhere.open(databaseUrl(heldDataDir));
    }

    @AfterAll
    static void stopHolding() throws Exception {
        held.close();
    }

    @Test
    void checksTheDatabaseDirectlyAgainstTheAnchorWhenNoNodeHoldsIt() throws Exception {
        Path dataDir = folder.resolve("free");
        try (NodeDatabase database = anchoredDatabase(dataDir); Connection connection = database.connection();
                Statement sql = connection.createStatement()) {
            sql.execute("DELETE FROM audit_log WHERE seq = 3");
        }

        assertThat(verify(config(dataDir, freePort()))).as(err.toString()).isEqualTo(AuditCommand.BROKEN);
        assertThat(out.toString()).startsWith("checked the database directly, against the anchor at entry 3")
                .contains("entry 3 is missing after the last anchor");
    }

    @Test
    void asksTheRunningNodeWhileItHoldsTheDatabase() throws Exception {
        String intact = "{\"intact\":true,\"entriesChecked\":3,\"report\":\"chain intact: 3 entries, entry 3"
                + " matches the anchor\",\"anchoredSeq\":3}";

        assertThat(verifyWithNodeAnswering(intact)).as(err.toString()).isZero();
        assertThat(AUTHORIZATION.get()).isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString(
                "auditor:auditor-password-123".getBytes(StandardCharsets.UTF_8)));
        assertThat(out.toString()).startsWith("checked by the running node's API at http://127.0.0.1:")
                .contains("against the anchor at entry 3").contains("chain intact: 3 entries");
    }

    @Test
    void exitsBrokenWhenTheRunningNodeReportsABrokenChain() throws Exception {
        String broken = "{\"intact\":false,\"entriesChecked\":2,\"report\":\"entry 3 is missing after the last"
                + " anchor\",\"firstBrokenEntry\":3,\"anchoredSeq\":3}";

        assertThat(verifyWithNodeAnswering(broken)).as(err.toString()).isEqualTo(AuditCommand.BROKEN);
        assertThat(out.toString()).contains("entry 3 is missing after the last anchor");
    }

    @Test
    void saysWhatToDoWhenTheDatabaseIsHeldAndNoNodeAnswers() throws Exception {
        assertThat(verify(config(heldDataDir, freePort()))).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("node: the database is in use by a running node")
                .contains("check node.http.port").contains("stop the node").doesNotContain("\n");
    }

    @Test
    void aLogRolledBackTogetherWithItsAnchorIsCaughtByTheHubsCheckpoint() throws Exception {
        Path dataDir = folder.resolve("rolled-back");
        AuditAnchor.Head atHub;
        try (NodeDatabase database = anchoredDatabase(dataDir); Connection connection = database.connection();
                Statement sql = connection.createStatement()) {
            AuditLog audit = new AuditLog(database, Clock.systemUTC());
            atHub = audit.head().orElseThrow();
            new AuditAnchor(dataDir.resolve("audit/anchor.json")).write(audit.headAt(2).orElseThrow());
            sql.execute("DELETE FROM audit_log WHERE seq = 3");
        }
        HttpServer hub = serve("/api/v1/audit/checkpoints", checkpoints(atHub), new AtomicReference<>());
        try {
            assertThat(verify(config(dataDir, freePort()), "--hub-api", hubUrl(hub))).as(err.toString())
                    .isEqualTo(AuditCommand.BROKEN);
        } finally {
            hub.stop(0);
        }
        assertThat(out.toString()).contains("and against the hub's checkpoint of entry 3 from http://127.0.0.1:")
                .contains("entry 3 is missing: the hub holds a checkpoint of entry 3");
    }

    @Test
    void passesTheHubsCheckpointOnToTheRunningNode() throws Exception {
        AuditAnchor.Head atHub = new AuditAnchor.Head(3, "ab".repeat(32), Instant.parse("2026-12-02T17:40:01Z"));
        String intact = "{\"intact\":true,\"entriesChecked\":3,\"report\":\"chain intact: 3 entries, entry 3"
                + " matches the hub's checkpoint\",\"checkpointSeq\":3}";
        AtomicReference<String> asked = new AtomicReference<>();
        HttpServer hub = serve("/api/v1/audit/checkpoints", checkpoints(atHub), new AtomicReference<>());
        HttpServer node = serve("/api/v1/audit", intact, asked);
        try {
            assertThat(verify(config(heldDataDir, node.getAddress().getPort()), "--hub-api", hubUrl(hub)))
                    .as(err.toString()).isZero();
        } finally {
            hub.stop(0);
            node.stop(0);
        }
        assertThat(asked.get()).isEqualTo("seq=3&entryHash=" + atHub.entryHash() + "&recordedAt=2026-12-02T17:40:01Z");
        assertThat(out.toString()).contains("against the hub's checkpoint of entry 3");
    }

    @Test
    void saysWhatToDoWhenTheHubDoesNotAnswer() throws Exception {
        assertThat(verify(config(heldDataDir, freePort()), "--hub-api", "http://127.0.0.1:" + freePort()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("the hub's API at").contains("check --hub-api");
    }

    static final AtomicReference<String> AUTHORIZATION = new AtomicReference<>();

    private int verifyWithNodeAnswering(String auditJson) throws IOException {
        HttpServer node = serve("/api/v1/audit", auditJson, new AtomicReference<>());
        try {
            return verify(config(heldDataDir, node.getAddress().getPort()));
        } finally {
            node.stop(0);
        }
    }

    /** A stand-in for a node's API answering one path with one body, noting the query it was asked. */
    private static HttpServer serve(String path, String json, AtomicReference<String> query) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, exchange -> {
            query.set(exchange.getRequestURI().getQuery());
            AUTHORIZATION.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(body);
            }
        });
        server.start();
        return server;
    }

    private static String checkpoints(AuditAnchor.Head kz) {
        return "[{\"node\":\"KG\",\"seq\":9,\"entryHash\":\"" + "f".repeat(64) + "\",\"recordedAt\":"
                + "\"2026-12-02T17:00:00Z\"},{\"node\":\"KZ\",\"seq\":" + kz.seq() + ",\"entryHash\":\""
                + kz.entryHash() + "\",\"recordedAt\":\"" + kz.recordedAt() + "\",\"messageId\":\"m\"}]";
    }

    private static String hubUrl(HttpServer hub) {
        return "http://127.0.0.1:" + hub.getAddress().getPort();
    }

    private int verify(Path config, String... more) {
        CommandLine commandLine = NodeCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("audit", "verify", "--config", config.toString(),
                "--user", "auditor", "--user-password-file", passwordFile().toString()));
        args.addAll(List.of(more));
        if (args.contains("--hub-api")) {
            args.addAll(List.of("--hub-user", "auditor", "--hub-user-password-file", passwordFile().toString()));
        }
        return commandLine.execute(args.toArray(String[]::new));
    }

    /** Three entries, anchored at the third, where the node keeps them by default. */
    private static NodeDatabase anchoredDatabase(Path dataDir) {
        NodeDatabase database = NodeDatabase.open(databaseUrl(dataDir), "node", new char[0]);
        AuditLog audit = new AuditLog(database, Clock.systemUTC());
        for (int i = 1; i <= 3; i++) {
            audit.append("m-" + i, "e".repeat(64), "KG", Decision.RECEIVED);
        }
        new AuditAnchoring(audit, dataDir.resolve("audit/anchor.json")).anchorNow();
        return database;
    }

    /** The API password of the auditor the command signs in as (the stand-ins accept any). */
    private static Path passwordFile() {
        try {
            return Files.writeString(folder.resolve("auditor.password"), "auditor-password-123\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String databaseUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("node");
    }

    private static Path config(Path dataDir, int httpPort) throws IOException {
        return Files.writeString(folder.resolve("kz.properties"), String.join("\n",
                "node.id=KZ", "node.data-dir=" + dataDir, "node.broker.peer-port=61617",
                "node.pki.dir=" + folder.resolve("pki"), "node.http.port=" + httpPort, "node.http.tls=false", ""));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
