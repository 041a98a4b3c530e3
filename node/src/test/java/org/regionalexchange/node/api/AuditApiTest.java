package org.regionalexchange.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.audit.AuditAnchoring;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.store.NodeDatabase;
import org.regionalexchange.node.store.ReceivedMessages;

/**
 * GET /api/v1/audit: the chain checked against the node's anchor file once there is one, and against a hub checkpoint
 * given in the query; GET /api/v1/audit/checkpoints on the hub.
 */
class AuditApiTest {

    @TempDir
    Path folder;

    NodeDatabase database;
    AuditLog audit;

    @BeforeEach
    void logWithThreeEntries() {
        database = NodeDatabase.open("jdbc:h2:file:" + folder.resolve("node").toAbsolutePath(), "node", new char[0]);
        audit = new AuditLog(database, Clock.systemUTC());
        for (int i = 1; i <= 3; i++) {
            audit.append("m-" + i, "d".repeat(64), "KG", Decision.RECEIVED);
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void withoutAnAnchorFileTheBodyNamesNoAnchoredSeq() throws Exception {
        JsonNode body = auditBody(folder.resolve("audit/anchor.json"));

        assertThat(body.get("intact").asBoolean()).isTrue();
        assertThat(body.has("anchoredSeq")).isFalse();
    }

    @Test
    void aTailCutAfterTheAnchorIsReportedWithTheAnchoredSeq() throws Exception {
        Path anchor = folder.resolve("audit/anchor.json");
        new AuditAnchoring(audit, anchor).anchorNow();
        try (Connection connection = database.connection(); Statement sql = connection.createStatement()) {
            sql.execute("DELETE FROM audit_log WHERE seq = 3");
        }

        JsonNode body = auditBody(anchor);
        assertThat(body.get("intact").asBoolean()).isFalse();
        assertThat(body.get("firstBrokenEntry").asLong()).isEqualTo(3);
        assertThat(body.get("anchoredSeq").asLong()).isEqualTo(3);
        assertThat(body.get("report").asText()).startsWith("entry 3 is missing after the last anchor");
    }

    @Test
    void theHubsCheckpointPassedInTheQueryIsCheckedBesideTheAnchor() throws Exception {
        String hash = audit.head().orElseThrow().entryHash();
        try (Connection connection = database.connection(); Statement sql = connection.createStatement()) {
            sql.execute("DELETE FROM audit_log WHERE seq = 3");
        }

        JsonNode body = new ObjectMapper().readTree(api(folder.resolve("audit/anchor.json")).audit("3", hash, null));
        assertThat(body.get("intact").asBoolean()).isFalse();
        assertThat(body.get("checkpointSeq").asLong()).isEqualTo(3);
        assertThat(body.has("anchoredSeq")).isFalse();
        assertThat(body.get("report").asText()).startsWith("entry 3 is missing: the hub holds a checkpoint of entry 3");
    }

    @Test
    void halfACheckpointInTheQueryIsRefusedNamingWhatIsMissing() {
        NodeApi api = api(folder.resolve("audit/anchor.json"));

        assertThatThrownBy(() -> api.audit("3", null, null)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("both seq and entryHash");
        assertThatThrownBy(() -> api.audit("three", "a".repeat(64), null))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("seq must be a positive whole number");
    }

    @Test
    void theHubListsTheCheckpointEachNodeSentLast() throws Exception {
        ReceivedMessages received = new ReceivedMessages(database);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        received.storeIfNew(checkpoint("KZ", 7, now.minusSeconds(300)));
        received.storeIfNew(checkpoint("KZ", 12, now));
        received.storeIfNew(checkpoint("KG", 3, now.minusSeconds(60)));
        NodeApi api = new NodeApi(null, received, null, audit, null, null, Clock.systemUTC(), null, null);

        JsonNode list = new ObjectMapper().readTree(api.checkpoints());
        assertThat(list).extracting(row -> row.get("node").asText()).containsExactly("KG", "KZ");
        assertThat(list.get(1).get("seq").asLong()).isEqualTo(12);
        assertThat(list.get(1).get("entryHash").asText()).isEqualTo("c".repeat(64));
        assertThat(list.get(1).get("receivedAt").asText()).isEqualTo(now.toString());
        assertThat(list.get(1).get("messageId").asText()).isEqualTo("kz-12");
    }

    private static ReceivedMessages.Received checkpoint(String node, long seq, Instant receivedAt) {
        String document = "{\"node\":\"" + node + "\",\"seq\":" + seq + ",\"entryHash\":\"" + "c".repeat(64)
                + "\",\"recordedAt\":\"" + receivedAt.minusSeconds(1) + "\",\"entries\":" + seq + "}";
        return new ReceivedMessages.Received(node.toLowerCase(java.util.Locale.ROOT) + "-" + seq, "audit-checkpoint",
                node, receivedAt, node, "d".repeat(64), "{}", document);
    }

    private NodeApi api(Path anchor) {
        return new NodeApi(null, null, null, audit, null, null, Clock.systemUTC(), anchor, null);
    }

    private JsonNode auditBody(Path anchor) throws Exception {
        return new ObjectMapper().readTree(api(anchor).audit());
    }
}
