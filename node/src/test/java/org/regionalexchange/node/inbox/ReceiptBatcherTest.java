package org.regionalexchange.node.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.MovableClock;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.store.NodeDatabase;
import org.regionalexchange.node.store.ReceivedMessages;
import org.regionalexchange.node.store.SentMessages;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaCatalog;

/**
 * The receipt batcher over a real store: what it submits (the outbox is the faked collaborator) and what stays owed.
 */
class ReceiptBatcherTest {

    private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");
    private static final SchemaCatalog SCHEMAS = SchemaCatalog.load();

    @TempDir
    Path folder;

    private NodeDatabase database;
    private ReceivedMessages received;
    private MovableClock clock;
    private final List<Submission> submitted = new ArrayList<>();
    private final AtomicBoolean outboxDown = new AtomicBoolean();
    private ReceiptBatcher batcher;

    @BeforeEach
    void open() {
        database = NodeDatabase.open("jdbc:h2:file:" + folder.resolve("node").toAbsolutePath(), "node", new char[0]);
        received = new ReceivedMessages(database);
        clock = new MovableClock(NOW);
        Receipts receipts = new Receipts("KG", new SentMessages(database, clock), received, clock);
        batcher = new ReceiptBatcher("KG", received, receipts, submission -> {
            if (outboxDown.get()) {
                throw new IllegalStateException("the outbox is not taking messages");
            }
            submitted.add(submission);
        }, clock);
    }

    @AfterEach
    void close() {
        batcher.close();
        database.close();
    }

    @Test
    void answersEverySenderWithOneSignedReceiptForAllItsOwedMessages() {
        owe("KZ", 3);
        owe("TJ", 2);

        batcher.sendOwed();

        assertThat(submitted).hasSize(2);
        Submission toKz = submitted.stream().filter(s -> s.recipients().equals(List.of("KZ"))).findFirst()
                .orElseThrow();
        assertThat(toKz.kind()).isEqualTo("receipt");
        assertThat(toKz.document().path("receiptFor").asText()).isEqualTo(id("KZ", 0));
        assertThat(toKz.document().path("outcome").asText()).isEqualTo("delivered");
        assertThat(toKz.document().path("alsoFor")).extracting(item -> item.path("receiptFor").asText())
                .containsExactly(id("KZ", 1), id("KZ", 2));
        assertThat(toKz.document().path("alsoFor").get(1).path("receivedAt").asText())
                .isEqualTo("2026-12-03T05:59:58Z");
        submitted.forEach(receipt -> assertThat(SCHEMAS.validateDocument(MessageKind.fromId("receipt"),
                receipt.document())).as(receipt.document().toString()).isEmpty());
        assertThat(received.owed(10)).isEmpty();
    }

    @Test
    void aLoneMessageGetsAReceiptOfItsOwnWithoutAlsoFor() {
        owe("KZ", 1);

        batcher.sendOwed();

        assertThat(submitted).hasSize(1);
        JsonNode document = submitted.get(0).document();
        assertThat(document.has("alsoFor")).isFalse();
        assertThat(document.path("receivedAt").asText()).isEqualTo("2026-12-03T06:00:00Z");
    }

    @Test
    void splitsALargeBacklogIntoReceiptsOfAtMostFiveHundred() {
        owe("KZ", 1_200);

        batcher.sendOwed();

        assertThat(submitted).extracting(s -> 1 + s.document().path("alsoFor").size()).containsExactly(500, 500, 200);
        assertThat(received.owed(10)).isEmpty();
    }

    @Test
    void keepsWhatCouldNotBeSentOwedAndTriesAgainAfterTheWait() {
        owe("KZ", 2);
        outboxDown.set(true);

        batcher.sendOwed();

        assertThat(submitted).isEmpty();
        assertThat(received.owed(10)).hasSize(2);

        outboxDown.set(false);
        batcher.sendOwed();
        assertThat(submitted).as("still within the retry wait").isEmpty();

        clock.move(ReceiptBatcher.RETRY_AFTER);
        batcher.sendOwed();
        assertThat(submitted).hasSize(1);
        assertThat(received.owed(10)).isEmpty();
    }

    @Test
    void aSecondCopyOwesItsReceiptOnceWhileTheFirstIsStillOwed() {
        received.owe(id("KZ", 0), "KZ", NOW, NOW);
        received.owe(id("KZ", 0), "KZ", NOW, NOW.plusSeconds(1));

        assertThat(received.owed(10)).hasSize(1);
    }

    private void owe(String sender, int count) {
        for (int i = 0; i < count; i++) {
            received.owe(id(sender, i), sender, NOW.minusSeconds(i), NOW.plusMillis(i));
        }
    }

    private static String id(String sender, int number) {
        return String.format("%08d-0000-4000-8000-%012d", sender.hashCode() & 0xffff, number);
    }
}
