package org.regionalexchange.node.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.audit.AuditAnchor;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.rules.MessageRules;
import org.regionalexchange.node.rules.RuleViolation;
import org.regionalexchange.node.store.NodeDatabase;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaCatalog;

/** When KZ sends its chain head to the hub: after other traffic moved it, never for the checkpoint's own entries. */
class AuditCheckpointsTest {

    static final String DIGEST = "d".repeat(64);

    @TempDir
    Path folder;

    NodeDatabase database;
    AuditLog audit;
    final List<Submission> submitted = new ArrayList<>();
    AuditCheckpoints checkpoints;

    @BeforeEach
    void kazakhNode() {
        database = NodeDatabase.open("jdbc:h2:file:" + folder.resolve("node").toAbsolutePath(), "node", new char[0]);
        audit = new AuditLog(database, Clock.systemUTC());
        checkpoints = new AuditCheckpoints("KZ", "CARICC", audit, this::submitAsTheOutboxDoes);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** The outbox records one SENT entry per hop before it answers the messageId. */
    private String submitAsTheOutboxDoes(Submission submission) {
        String messageId = UUID.randomUUID().toString();
        submitted.add(submission);
        audit.append(messageId, DIGEST, "CARICC", Decision.SENT);
        return messageId;
    }

    @Test
    void anEmptyChainHasNoHeadToSend() {
        assertThat(checkpoints.checkpointNow()).isEmpty();
        assertThat(submitted).isEmpty();
    }

    @Test
    void sendsTheHeadToTheHubAsAValidGreenCheckpointOfItsOwnChain() {
        audit.append("m-1", DIGEST, "KG", Decision.RECEIVED);
        AuditAnchor.Head head = audit.head().orElseThrow();

        assertThat(checkpoints.checkpointNow()).contains(head);
        Submission sent = submitted.get(0);
        assertThat(sent.kind()).isEqualTo("audit-checkpoint");
        assertThat(sent.recipients()).containsExactly("CARICC");
        assertThat(sent.handling()).isEqualTo("GREEN");
        assertThat(sent.document().path("node").asText()).isEqualTo("KZ");
        assertThat(sent.document().path("seq").asLong()).isEqualTo(head.seq());
        assertThat(sent.document().path("entryHash").asText()).isEqualTo(head.entryHash());
        assertThat(SchemaCatalog.load().validateDocument(MessageKind.AUDIT_CHECKPOINT, sent.document())).isEmpty();
    }

    @Test
    void anIdleNodeSendsNoFurtherCheckpointForTheEntriesOfItsOwnCheckpoint() {
        audit.append("m-1", DIGEST, "KG", Decision.RECEIVED);
        checkpoints.checkpointNow();
        audit.append(UUID.randomUUID().toString(), DIGEST, "CARICC", Decision.RECEIPT);

        assertThat(checkpoints.checkpointNow()).isEmpty();
        assertThat(checkpoints.checkpointNow()).isEmpty();
        assertThat(submitted).hasSize(1);
    }

    @Test
    void aMembersReceiptRelayedByTheHubIsOtherTrafficAndSendsTheNewHead() {
        String kyrgyzReceipt = UUID.randomUUID().toString();
        AuditCheckpoints relayAware = new AuditCheckpoints("KZ", "CARICC", audit, this::submitAsTheOutboxDoes,
                receiptId -> !receiptId.equals(kyrgyzReceipt));
        audit.append("m-1", DIGEST, "KG", Decision.SENT);
        relayAware.checkpointNow();
        audit.append(kyrgyzReceipt, DIGEST, "CARICC", Decision.RECEIPT);

        assertThat(relayAware.checkpointNow()).isPresent();
        assertThat(submitted).hasSize(2);
    }

    @Test
    void otherTrafficAfterTheCheckpointSendsTheNewHead() {
        audit.append("m-1", DIGEST, "KG", Decision.RECEIVED);
        checkpoints.checkpointNow();
        audit.append("m-2", DIGEST, "KG", Decision.SENT);
        AuditAnchor.Head moved = audit.head().orElseThrow();

        assertThat(checkpoints.checkpointNow()).contains(moved);
        assertThat(submitted).hasSize(2);
        assertThat(submitted.get(1).document().path("seq").asLong()).isEqualTo(moved.seq());
    }

    @Test
    void aChainCutBelowTheLastCheckpointIsNotCheckpointedAgain() throws Exception {
        for (int i = 1; i <= 3; i++) {
            audit.append("m-" + i, DIGEST, "KG", Decision.RECEIVED);
        }
        checkpoints.checkpointNow();
        try (Connection connection = database.connection(); Statement sql = connection.createStatement()) {
            sql.execute("DELETE FROM audit_log WHERE seq >= 2");
        }
        audit.append("m-after-the-cut", DIGEST, "KG", Decision.RECEIVED);

        assertThatThrownBy(checkpoints::checkpointNow).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no longer holds entry 3").hasMessageContaining("node audit verify");
        assertThat(submitted).hasSize(1);
    }

    @Test
    void aCheckpointMaySpeakOnlyOfItsSendersOwnChain() {
        audit.append("m-1", DIGEST, "KG", Decision.RECEIVED);
        checkpoints.checkpointNow();

        MessageRules hub = new MessageRules("CARICC", List.of("CARICC", "KZ", "KG"), Clock.systemUTC(),
                MessageRules.DEFAULT_CLOCK_TOLERANCE, id -> Optional.empty());
        Submission checkpoint = submitted.get(0);
        Instant now = Instant.now();

        assertThat(hub.received(checkpoint.header("KZ", "1-0-0", now), checkpoint.document(), now).violations())
                .isEmpty();
        assertThat(hub.received(checkpoint.header("KG", "1-0-0", now), checkpoint.document(), now).violations())
                .extracting(RuleViolation::pointer).containsExactly("/document/node");
    }

    @Test
    void theHubSendsNoCheckpoints() {
        assertThatThrownBy(() -> new AuditCheckpoints("CARICC", "CARICC", audit, this::submitAsTheOutboxDoes))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no one to hold them");
    }
}
