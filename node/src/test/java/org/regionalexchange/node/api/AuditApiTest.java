package org.regionalexchange.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.audit.AuditAnchoring;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.store.NodeDatabase;

/** GET /api/v1/audit: the chain checked against the node's anchor file once there is one. */
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

    private JsonNode auditBody(Path anchor) throws Exception {
        NodeApi api = new NodeApi(null, null, null, audit, null, null, Clock.systemUTC(), anchor);
        return new ObjectMapper().readTree(api.audit());
    }
}
