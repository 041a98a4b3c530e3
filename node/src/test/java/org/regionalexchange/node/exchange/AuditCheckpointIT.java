package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.NodeCli;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.app.wiring.NodeRuntime;
import org.regionalexchange.node.audit.AuditAnchor;
import org.regionalexchange.node.audit.AuditLog;
import picocli.CommandLine;

/**
 * KZ, with a checkpoint interval of a second, sends its audit chain head to the hub CARICC; the hub lists it, and its
 * copy catches a tail cut at KZ. A fresh region per test: the cut one leaves KZ's chain broken.
 */
class AuditCheckpointIT {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The interval (1 s) plus a delivery to the hub, with room for a loaded machine. */
    static final Duration CHECKPOINT_WAIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    LocalRegion region;

    @BeforeEach
    void startRegion() {
        region = new LocalRegion(folder, List.of("CARICC", "KZ", "KG"), List.of(List.of("KZ", "KG")));
        region.set("KZ", "node.audit.checkpoint-interval", "PT1S");
        List.of("CARICC", "KZ", "KG").forEach(region::start);
        // The hub's first member directory is traffic too: let it arrive before the tests count checkpoints.
        await().atMost(CHECKPOINT_WAIT).until(() -> region.node("KZ").services().directory().version() > 0
                && region.node("KG").services().directory().version() > 0);
    }

    @AfterEach
    void stopRegion() {
        region.close();
    }

    @Test
    void afterASeizureNoticeToKgTheHubHoldsKazakhstansCurrentHead() throws Exception {
        AuditAnchor.Head afterTheExchange = seizureNoticeToKyrgyzstanDelivered();

        JsonNode checkpoint = awaitHubCheckpointOfKazakhstanCovering(afterTheExchange);
        AuditLog kazakhstan = region.node("KZ").services().audit();
        AuditAnchor.Head held = kazakhstan.headAt(checkpoint.get("seq").asLong()).orElseThrow();
        assertThat(checkpoint.get("entryHash").asText()).isEqualTo(held.entryHash());
        assertThat(checkpoint.get("recordedAt").asText()).isEqualTo(held.recordedAt().toString());
        assertThat(checkpoint.get("messageId").asText()).isNotBlank();
        assertThat(get("CARICC", "/api/v1/audit/checkpoints")).as("over HTTP, not the audit report of /api/v1/audit")
                .extracting(row -> row.get("node").asText()).containsExactly("KZ");
    }

    @Test
    void anIdleNodeSendsNoFurtherCheckpoints() throws Exception {
        awaitDelivered(awaitHubCheckpointOfKazakhstanCovering(seizureNoticeToKyrgyzstanDelivered()));
        long sent = checkpointsAtTheHub();

        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> checkpointsAtTheHub() == sent);
    }

    @Test
    void aTailCutAtKazakhstanIsReportedAgainstTheHubsCheckpoint() throws Exception {
        JsonNode checkpoint = awaitHubCheckpointOfKazakhstanCovering(seizureNoticeToKyrgyzstanDelivered());
        awaitDelivered(checkpoint);
        long seq = checkpoint.get("seq").asLong();
        try (Connection connection = region.node("KZ").services().database().connection();
                Statement sql = connection.createStatement()) {
            sql.execute("DELETE FROM audit_log WHERE seq >= " + (seq - 1));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String missing = "entries " + (seq - 1) + " to " + seq + " are missing: the hub holds a checkpoint of entry "
                + seq;

        // In this JVM H2 lets the command open KZ's database beside the node; another process would use KZ's API.
        Path password = Files.writeString(folder.resolve("auditor.password"),
                new String(region.credentials(Role.AUDITOR).password()));
        int exit = auditVerify(out, err, "--hub-api", region.baseUrl("CARICC"), "--hub-user", "auditor",
                "--hub-user-password-file", password.toString());
        assertThat(exit).as(err.toString()).isEqualTo(3);
        assertThat(out.toString()).contains("against the hub's checkpoint of entry " + seq).contains(missing);
        JsonNode report = get("KZ", "/api/v1/audit?seq=" + seq + "&entryHash=" + checkpoint.get("entryHash").asText());
        assertThat(report.get("intact").asBoolean()).isFalse();
        assertThat(report.get("checkpointSeq").asLong()).isEqualTo(seq);
        assertThat(report.get("report").asText()).contains(missing);
    }

    private AuditAnchor.Head seizureNoticeToKyrgyzstanDelivered() {
        NodeRuntime kazakhstan = region.node("KZ");
        String messageId = kazakhstan.submit(Documents.seizureNotice(List.of("KG")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kazakhstan.services().api().status(messageId)).contains("\"status\":\"delivered\""));
        return kazakhstan.services().audit().head().orElseThrow();
    }

    /** The hub's latest checkpoint of KZ, once it reaches at least the given head. */
    private JsonNode awaitHubCheckpointOfKazakhstanCovering(AuditAnchor.Head head) {
        return await().atMost(CHECKPOINT_WAIT).until(() -> kazakhstanAtTheHub()
                .filter(row -> row.get("seq").asLong() >= head.seq()), Optional::isPresent).orElseThrow();
    }

    private Optional<JsonNode> kazakhstanAtTheHub() throws Exception {
        for (JsonNode row : JSON.readTree(region.node("CARICC").services().api().checkpoints())) {
            if (row.get("node").asText().equals("KZ")) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    private JsonNode get(String node, String path) throws Exception {
        ApiClient.Response response = region.client(node, Role.AUDITOR).get(path.substring(1));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Once the hub's receipt for it is in KZ's chain, nothing more of that exchange is on its way. */
    private void awaitDelivered(JsonNode checkpoint) {
        String messageId = checkpoint.get("messageId").asText();
        await().atMost(CHECKPOINT_WAIT).untilAsserted(() ->
                assertThat(region.node("KZ").services().api().status(messageId)).contains("\"status\":\"delivered\""));
    }

    private long checkpointsAtTheHub() throws Exception {
        try (Connection connection = region.node("CARICC").services().database().connection();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM received_message"
                        + " WHERE kind = 'audit-checkpoint'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** `node audit verify` as an operator runs it beside the running KZ node. */
    private int auditVerify(StringWriter out, StringWriter err, String... more) throws Exception {
        Path config = folder.resolve("kz.properties");
        try (OutputStream file = Files.newOutputStream(config)) {
            region.properties("KZ").store(file, null);
        }
        CommandLine commandLine = NodeCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("audit", "verify", "--config", config.toString()));
        args.addAll(List.of(more));
        return commandLine.execute(args.toArray(String[]::new));
    }
}
