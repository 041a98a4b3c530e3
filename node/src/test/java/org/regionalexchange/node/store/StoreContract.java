package org.regionalexchange.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.audit.AuditAnchor;
import org.regionalexchange.node.audit.AuditAnchorException;
import org.regionalexchange.node.audit.AuditAnchoring;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.AuditReport;
import org.regionalexchange.node.audit.Decision;

/** What the store and the audit log promise, run against each supported database. */
abstract class StoreContract {

    NodeDatabase database;

    @TempDir
    Path anchorFolder;

    abstract String newDatabaseUrl();

    abstract String user();

    @BeforeEach
    void open() {
        database = NodeDatabase.open(newDatabaseUrl(), user(), new char[0]);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void memberDeclarationsOutliveAReopenAndAnUpgradeReplacesTheOldOne() {
        String url = newDatabaseUrl();
        Instant at = Instant.parse("2026-12-04T10:00:00Z");
        try (NodeDatabase first = NodeDatabase.open(url, user(), new char[0])) {
            MemberSchemas members = MemberSchemas.load(first);
            assertThat(members.declared("KG")).isEmpty();
            members.declare("KG", Map.of("seizure-notice", List.of("1-0-0"), "receipt", List.of("1-0-0")), at);
            members.declare("KG", Map.of("seizure-notice", List.of("1-10-0", "1-0-0", "1-9-0"),
                    "receipt", List.of("1-0-0")), at.plusSeconds(60));
        }
        try (NodeDatabase again = NodeDatabase.open(url, user(), new char[0])) {
            MemberSchemas members = MemberSchemas.load(again);
            assertThat(members.declared("KG")).contains(Map.of("seizure-notice", List.of("1-0-0", "1-9-0", "1-10-0"),
                    "receipt", List.of("1-0-0")));
            assertThat(members.all()).containsOnlyKeys("KG");
        }
    }

    @Test
    void firstSightingsAndTheirNamesOutliveAReopenAndASecondSightingOfASubstanceIsRefused() {
        String url = newDatabaseUrl();
        Instant at = Instant.parse("2026-12-06T10:00:00.123456Z");
        SightedSubstances.Sighting sighting = new SightedSubstances.Sighting("actual", "clonazolam", "Clonazolam",
                "seizure-notice", "5f0c3a5e-8d1b-4c7a-9e2f-1b6d4a7c9e01", "KZ", "AMBER", at,
                SightedSubstances.Outcome.ALERTED, "6a1d2b3c-4e5f-4a6b-8c7d-9e0f1a2b3c4d", null);
        try (NodeDatabase first = NodeDatabase.open(url, user(), new char[0])) {
            SightedSubstances sighted = new SightedSubstances(first);
            sighted.record(sighting, List.of(new SightedSubstances.Name("actual", "name:clonazolam", "clonazolam")));
            sighted.record(null, List.of(new SightedSubstances.Name("actual", "name:clonazolamum", "clonazolam"),
                    new SightedSubstances.Name("exercise", "name:clonazolam", "clonazolam")));
            assertThatThrownBy(() -> sighted.record(sighting, List.of())).isInstanceOf(RuntimeException.class);
        }
        try (NodeDatabase again = NodeDatabase.open(url, user(), new char[0])) {
            SightedSubstances sighted = new SightedSubstances(again);
            assertThat(sighted.sightings()).containsExactly(sighting);
            assertThat(sighted.names()).extracting(SightedSubstances.Name::lookUp).containsExactlyInAnyOrder(
                    "name:clonazolam", "name:clonazolamum", "name:clonazolam");
        }
    }

    @Test
    void migrationsApplyOnceAndReopeningIsHarmless() {
        String url = newDatabaseUrl();
        NodeDatabase.open(url, user(), new char[0]).close();
        try (NodeDatabase again = NodeDatabase.open(url, user(), new char[0])) {
            assertThat(again.isReachable()).isTrue();
        }
    }

    @Test
    void statusMovesForwardOnly() {
        SentMessages sent = new SentMessages(database, Clock.systemUTC());
        Map<String, String> hops = new LinkedHashMap<>();
        hops.put("KG", "KG");
        hops.put("TJ", "CARICC");
        sent.record(new SentMessages.Sent("m-1", "seizure-notice", Instant.now(), null, "AMBER", "{}", "a".repeat(64),
                hops));

        assertThat(sent.advance("m-1", "KG", DeliveryStatus.FORWARDED, null)).isTrue();
        assertThat(sent.advance("m-1", "KG", DeliveryStatus.DELIVERED, null)).isTrue();
        assertThat(sent.advance("m-1", "KG", DeliveryStatus.FORWARDED, null)).isFalse();
        assertThat(sent.advance("m-1", "TJ", DeliveryStatus.REJECTED, "SCHEMA_INVALID")).isTrue();
        assertThat(sent.advance("m-1", "TJ", DeliveryStatus.DELIVERED, null)).isFalse();

        assertThat(sent.statusOf("m-1")).extracting(RecipientStatus::recipient, RecipientStatus::status,
                RecipientStatus::reasonCode).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("KG", DeliveryStatus.DELIVERED, null),
                        org.assertj.core.groups.Tuple.tuple("TJ", DeliveryStatus.REJECTED, "SCHEMA_INVALID"));
        assertThat(sent.statusOf("unknown")).isEmpty();
    }

    @Test
    void aListingReadsTheStatusesOfManyMessagesAtOnceInTheOrderAsked() {
        SentMessages sent = new SentMessages(database, Clock.systemUTC());
        for (String id : List.of("list-1", "list-2")) {
            Map<String, String> hops = new LinkedHashMap<>();
            hops.put("UZ", "UZ");
            hops.put("KG", "CARICC");
            sent.record(new SentMessages.Sent(id, "seizure-notice", Instant.now(), null, "AMBER", "{}",
                    "b".repeat(64), hops));
        }
        sent.advance("list-2", "UZ", DeliveryStatus.DELIVERED, null);

        Map<String, List<RecipientStatus>> statuses = sent.statusesOf(List.of("list-2", "nobody-sent-this", "list-1"));

        assertThat(statuses.keySet()).containsExactly("list-2", "nobody-sent-this", "list-1");
        assertThat(statuses.get("list-2")).extracting(RecipientStatus::recipient, RecipientStatus::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("KG", DeliveryStatus.QUEUED),
                        org.assertj.core.groups.Tuple.tuple("UZ", DeliveryStatus.DELIVERED));
        assertThat(statuses.get("list-1")).extracting(RecipientStatus::status)
                .containsOnly(DeliveryStatus.QUEUED);
        assertThat(statuses.get("nobody-sent-this")).isEmpty();
        assertThat(sent.statusesOf(List.of())).isEmpty();
    }

    @Test
    void aMessageIdIsAcceptedExactlyOnceUnderConcurrency() throws Exception {
        ReceivedMessages received = new ReceivedMessages(database);
        ReceivedMessages.Received message = new ReceivedMessages.Received("m-2", "early-warning", "KZ",
                Instant.now(), "CARICC", "b".repeat(64), "{}", "{}");
        List<Boolean> outcomes = concurrently(8, () -> received.storeIfNew(message));

        assertThat(outcomes).containsOnlyOnce(true).hasSize(8);
        assertThat(received.find("m-2")).isPresent();
        assertThat(received.list("early-warning", Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofHours(1)), 10)).hasSize(1);
        assertThat(received.list("seizure-notice", Instant.EPOCH, Instant.now().plus(Duration.ofHours(1)), 10))
                .isEmpty();
    }

    @Test
    void intactChainVerifies() {
        AuditLog audit = filledAuditLog(5);
        AuditReport report = audit.verify();
        assertThat(report.intact()).as(report.problem()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(5);
    }

    @Test
    void namesTheFirstChangedEntry() throws Exception {
        AuditLog audit = filledAuditLog(5);
        sql("UPDATE audit_log SET peer = 'UZ' WHERE seq = 3");
        assertThat(audit.verify().firstBrokenSeq()).contains(3L);
        assertThat(audit.verify().problem()).isEqualTo("entry 3: hash does not match its contents (changed)");
    }

    @Test
    void namesTheFirstRemovedEntry() throws Exception {
        AuditLog audit = filledAuditLog(5);
        sql("DELETE FROM audit_log WHERE seq = 2");
        assertThat(audit.verify().firstBrokenSeq()).contains(2L);
        assertThat(audit.verify().problem()).startsWith("entry 2: missing (removed)");
    }

    @Test
    void namesTheFirstReorderedEntry() throws Exception {
        AuditLog audit = filledAuditLog(5);
        sql("UPDATE audit_log SET seq = 100 WHERE seq = 3");
        sql("UPDATE audit_log SET seq = 3 WHERE seq = 4");
        sql("UPDATE audit_log SET seq = 4 WHERE seq = 100");
        AuditReport report = audit.verify();
        assertThat(report.firstBrokenSeq()).contains(3L);
    }

    @Test
    void reportsEntriesMissingAfterTheLastAnchor() throws Exception {
        AuditLog audit = filledAuditLog(5);
        AuditAnchor.Head anchor = audit.head().orElseThrow();
        sql("DELETE FROM audit_log WHERE seq >= 3");

        AuditReport report = audit.verify(Optional.of(anchor));
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBrokenSeq()).contains(3L);
        assertThat(report.anchor()).contains(anchor);
        assertThat(report.problem()).isEqualTo("entries 3 to 5 are missing after the last anchor (seq 5 recorded "
                + anchor.recordedAt() + "): the log was cut or rolled back; restore it from a backup and compare"
                + " with the anchor held by the hub");
        assertThat(audit.verify().intact()).as("without the anchor a cut tail looks intact").isTrue();
    }

    @Test
    void reportsAnAnchoredEntryThatWasReplaced() throws Exception {
        AuditLog audit = filledAuditLog(5);
        AuditAnchor.Head anchor = audit.head().orElseThrow();
        sql("DELETE FROM audit_log");
        appendEntries(audit, 6, "rebuilt");

        AuditReport report = audit.verify(Optional.of(anchor));
        assertThat(report.firstBrokenSeq()).contains(5L);
        assertThat(report.problem()).startsWith("entry 5 does not match the anchor: the log was replaced");
    }

    @Test
    void reportsEntriesMissingAfterTheHubsCheckpointWhenTheAnchorWentBackWithTheLog() throws Exception {
        AuditLog audit = filledAuditLog(5);
        AuditAnchor.Head atHub = audit.head().orElseThrow();
        AuditAnchor.Head rolledBackAnchor = audit.headAt(3).orElseThrow();
        sql("DELETE FROM audit_log WHERE seq >= 4");

        AuditReport report = audit.verify(Optional.of(rolledBackAnchor), Optional.of(atHub));
        assertThat(report.firstBrokenSeq()).contains(4L);
        assertThat(report.hubCheckpoint()).contains(atHub);
        assertThat(report.problem()).isEqualTo("entries 4 to 5 are missing: the hub holds a checkpoint of entry 5"
                + " recorded " + atHub.recordedAt() + ": the log was cut or rolled back (with the anchor file too if"
                + " that check did not say so); restore it from a backup that reaches entry 5");
        assertThat(audit.verify(Optional.of(rolledBackAnchor)).intact()).as("the local anchor alone is fooled")
                .isTrue();
    }

    @Test
    void reportsAnEntryThatNoLongerMatchesTheHubsCheckpoint() throws Exception {
        AuditLog audit = filledAuditLog(5);
        AuditAnchor.Head atHub = audit.headAt(4).orElseThrow();
        sql("DELETE FROM audit_log");
        appendEntries(audit, 5, "rebuilt");

        AuditReport report = audit.verify(Optional.empty(), Optional.of(atHub));
        assertThat(report.firstBrokenSeq()).contains(4L);
        assertThat(report.problem()).startsWith("entry 4 does not match the hub's checkpoint: the hub holds a"
                + " checkpoint of entry 4").contains("the log was replaced");
    }

    @Test
    void anIntactChainMatchesBothTheAnchorAndTheHubsCheckpoint() {
        AuditLog audit = filledAuditLog(4);
        AuditReport report = audit.verify(audit.head(), audit.headAt(2));

        assertThat(report.intact()).as(report.problem()).isTrue();
        assertThat(report.problem()).isEqualTo("chain intact: 4 entries, entry 4 matches the anchor,"
                + " entry 2 matches the hub's checkpoint");
    }

    @Test
    void anIntactChainLongerThanTheAnchorVerifiesIntact() {
        AuditLog audit = filledAuditLog(3);
        AuditAnchor.Head anchor = audit.head().orElseThrow();
        appendEntries(audit, 2, "later");

        AuditReport report = audit.verify(Optional.of(anchor));
        assertThat(report.intact()).as(report.problem()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(5);
        assertThat(report.anchor()).contains(anchor);
    }

    @Test
    void anchoringWritesTheHeadOnlyWhenTheChainMoved() {
        AuditLog audit = new AuditLog(database, Clock.systemUTC());
        AuditAnchoring anchoring = new AuditAnchoring(audit, anchorFolder.resolve("audit/anchor.json"));
        assertThat(anchoring.anchorNow()).as("nothing to anchor in an empty log").isEmpty();

        appendEntries(audit, 2, "first");
        assertThat(anchoring.anchorNow()).map(AuditAnchor.Head::seq).contains(2L);
        assertThat(anchoring.anchorNow()).isEmpty();
        appendEntries(audit, 1, "next");
        assertThat(anchoring.anchorNow()).map(AuditAnchor.Head::seq).contains(3L);
        assertThat(new AuditAnchor(anchorFolder.resolve("audit/anchor.json")).read()).isEqualTo(audit.head());
    }

    @Test
    void anchoringKeepsTheAnchorOfACutLogForTheAuditor() throws Exception {
        AuditLog audit = filledAuditLog(5);
        Path file = anchorFolder.resolve("anchor.json");
        new AuditAnchoring(audit, file).anchorNow();
        sql("DELETE FROM audit_log WHERE seq >= 4");
        appendEntries(audit, 3, "after the cut");

        assertThatThrownBy(() -> new AuditAnchoring(audit, file).anchorNow()).isInstanceOf(AuditAnchorException.class)
                .hasMessageContaining("no longer holds entry 5").hasMessageContaining("node audit verify");
        assertThat(new AuditAnchor(file).read()).map(AuditAnchor.Head::seq).contains(5L);
    }

    @Test
    void concurrentAppendsKeepOneUnbrokenChain() throws Exception {
        AuditLog audit = new AuditLog(database, Clock.systemUTC());
        concurrently(8, () -> {
            for (int i = 0; i < 10; i++) {
                audit.append("m-" + i, "c".repeat(64), "KZ", Decision.RECEIVED);
            }
            return true;
        });
        AuditReport report = audit.verify();
        assertThat(report.intact()).as(report.problem()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(80);
    }

    @Test
    void writersThatArriveDuringACommitAreCommittedTogetherInOneTransaction() throws Exception {
        AuditLog audit = new AuditLog(database, Clock.systemUTC());
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        long commitsBefore = database.commits();
        ExecutorService pool = Executors.newFixedThreadPool(11);
        try {
            Future<?> first = pool.submit(() -> audit.inTransaction("the first write", (connection, entries) -> {
                entries.append("m-first", "c".repeat(64), "KZ", Decision.RECEIVED);
                inside.countDown();
                awaitQuietly(release);
                return null;
            }));
            inside.await();
            List<Future<?>> others = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String id = "m-" + i;
                others.add(pool.submit(() -> audit.append(id, "c".repeat(64), "KG", Decision.RECEIVED)));
            }
            waitUntil(() -> database.writersWaiting() == 10);
            release.countDown();
            first.get();
            for (Future<?> other : others) {
                other.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(database.commits() - commitsBefore).as("one commit for the first, one for the ten").isEqualTo(2);
        AuditReport report = audit.verify();
        assertThat(report.intact()).as(report.problem()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(11);
    }

    @Test
    void aWriteThatFailsInAGroupFailsOnlyItsOwnCallerAndLeavesNothingBehind() throws Exception {
        AuditLog audit = new AuditLog(database, Clock.systemUTC());
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Future<?> failing;
        List<Future<?>> fine = new ArrayList<>();
        try {
            Future<?> first = pool.submit(() -> audit.inTransaction("the first write", (connection, entries) -> {
                inside.countDown();
                awaitQuietly(release);
                return entries.append("m-first", "c".repeat(64), "KZ", Decision.RECEIVED);
            }));
            inside.await();
            fine.add(pool.submit(() -> audit.append("m-before", "c".repeat(64), "KG", Decision.RECEIVED)));
            waitUntil(() -> database.writersWaiting() == 1);
            failing = pool.submit(() -> audit.inTransaction("a write that breaks a rule", (connection, entries) -> {
                entries.append("m-broken", "c".repeat(64), "KG", Decision.RECEIVED);
                throw new IllegalArgumentException("the rule this write breaks");
            }));
            waitUntil(() -> database.writersWaiting() == 2);
            fine.add(pool.submit(() -> audit.append("m-after", "c".repeat(64), "KG", Decision.RECEIVED)));
            waitUntil(() -> database.writersWaiting() == 3);
            release.countDown();
            first.get();
            for (Future<?> write : fine) {
                write.get();
            }
            Future<?> broken = failing;
            assertThatThrownBy(broken::get).hasCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the rule this write breaks");
        } finally {
            pool.shutdownNow();
        }
        AuditReport report = audit.verify();
        assertThat(report.intact()).as(report.problem()).isTrue();
        assertThat(audit.entriesAfter(0, 10)).extracting(entry -> entry.messageId())
                .containsExactly("m-first", "m-before", "m-after");
    }

    @Test
    void aWriteCannotStartAnotherFromInsideItself() {
        assertThatThrownBy(() -> database.write("the outer write", connection -> database.write("the inner write",
                inner -> 1))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the inner write: called from inside another write transaction");
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the writers did not queue within 10 s");
            }
            Thread.sleep(5);
        }
    }

    private AuditLog filledAuditLog(int entries) {
        AuditLog audit = new AuditLog(database, Clock.systemUTC());
        appendEntries(audit, entries, "message");
        return audit;
    }

    private static void appendEntries(AuditLog audit, int entries, String text) {
        for (int i = 1; i <= entries; i++) {
            audit.append("m-" + i, AuditEntryDigest.of(text + " " + i), i % 2 == 0 ? "KG" : "CARICC",
                    i % 2 == 0 ? Decision.RECEIVED : Decision.SENT);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = database.connection(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Digest of test bytes, as the node computes it for wire bytes. */
    static final class AuditEntryDigest {
        static String of(String text) {
            return org.regionalexchange.node.audit.AuditEntry.sha256(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
