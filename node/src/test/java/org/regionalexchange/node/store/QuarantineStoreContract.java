package org.regionalexchange.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the quarantine promises an operator, run against each supported database. */
abstract class QuarantineStoreContract {

    NodeDatabase database;
    QuarantineStore quarantine;

    abstract String newDatabaseUrl();

    abstract String user();

    @BeforeEach
    void open() {
        database = NodeDatabase.open(newDatabaseUrl(), user(), new char[0]);
        quarantine = new QuarantineStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void listingCarriesSizeAndDigestInsteadOfTheBytes() {
        byte[] raw = everyByteValue();
        quarantine.put(new QuarantineStore.Quarantined(0, Instant.parse("2025-03-01T10:00:00Z"), "KG",
                "BAD_SIGNATURE", "flipped byte", "m-1", "KG", List.of("KZ", "TJ"), raw));

        assertThat(quarantine.recent(5)).singleElement().satisfies(entry -> {
            assertThat(entry.sizeBytes()).isEqualTo(256);
            assertThat(entry.sha256()).isEqualTo(QuarantineStore.sha256(raw)).hasSize(64);
            assertThat(entry.reasonCode()).isEqualTo("BAD_SIGNATURE");
            assertThat(entry.deliveringPeer()).isEqualTo("KG");
            assertThat(entry.messageId()).isEqualTo("m-1");
            assertThat(entry.deliverTo()).containsExactly("KZ", "TJ");
            assertThat(entry.receivedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
            assertThat(entry.releasedAt()).isNull();
        });
    }

    @Test
    void repeatedRejectionsAreCountedPerPeerReasonAndHourWithTheirFirstAndLastMessage() {
        Instant ten = Instant.parse("2026-12-03T10:15:00Z");
        quarantine.countRepeat("KZ", "MALFORMED", "junk-1", ten);
        quarantine.countRepeat("KZ", "MALFORMED", "junk-2", ten.plusSeconds(60));
        quarantine.countRepeat("KZ", "MALFORMED", "junk-3", ten.plusSeconds(120));
        quarantine.countRepeat("KZ", "BAD_SIGNATURE", null, ten);
        quarantine.countRepeat("KZ", "MALFORMED", "junk-4", ten.plusSeconds(3600));

        List<QuarantineStore.Repeats> repeats = quarantine.repeats(10);

        assertThat(repeats).hasSize(3);
        assertThat(repeats.get(0)).as("the newest hour first").satisfies(later -> {
            assertThat(later.hourStart()).isEqualTo(Instant.parse("2026-12-03T11:00:00Z"));
            assertThat(later.repeats()).isEqualTo(1);
        });
        QuarantineStore.Repeats malformed = repeats.stream().filter(r -> r.reasonCode().equals("MALFORMED")
                && r.hourStart().equals(Instant.parse("2026-12-03T10:00:00Z"))).findFirst().orElseThrow();
        assertThat(malformed.repeats()).isEqualTo(3);
        assertThat(malformed.deliveringPeer()).isEqualTo("KZ");
        assertThat(malformed.firstMessageId()).isEqualTo("junk-1");
        assertThat(malformed.lastMessageId()).isEqualTo("junk-3");
        assertThat(malformed.firstAt()).isEqualTo(ten);
        assertThat(malformed.lastAt()).isEqualTo(ten.plusSeconds(120));
        assertThat(quarantine.recent(10)).as("counted, not kept").isEmpty();
    }

    @Test
    void rawBytesAreFetchedByIdExactly() {
        byte[] raw = everyByteValue();
        quarantine.put(entry("KG", "BAD_SIGNATURE", raw));
        long id = quarantine.recent(1).get(0).id();

        assertThat(quarantine.raw(id)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(raw));
        assertThat(quarantine.raw(id + 1000)).isEmpty();
        assertThat(quarantine.find(id + 1000)).isEmpty();
    }

    @Test
    void listingPagesNewestFirstFromTheLastIdOfThePreviousPage() {
        for (int i = 1; i <= 5; i++) {
            quarantine.put(entry("KG", "MALFORMED", ("entry " + i).getBytes(StandardCharsets.UTF_8)));
        }
        List<QuarantineStore.Summary> first = quarantine.list(new QuarantineStore.Query(2, null, null, null));
        List<QuarantineStore.Summary> second = quarantine.list(
                new QuarantineStore.Query(2, first.get(1).id(), null, null));
        List<QuarantineStore.Summary> last = quarantine.list(
                new QuarantineStore.Query(2, second.get(1).id(), null, null));

        assertThat(first).extracting(QuarantineStore.Summary::sizeBytes).containsExactly(7L, 7L);
        assertThat(first.get(0).id()).isGreaterThan(first.get(1).id());
        assertThat(second.get(0).id()).isLessThan(first.get(1).id());
        assertThat(last).hasSize(1);
        assertThat(last.get(0).sha256()).isEqualTo(QuarantineStore.sha256("entry 1".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void listingFiltersByReasonAndDeliveringPeer() {
        quarantine.put(entry("KG", "MALFORMED", new byte[] {1}));
        quarantine.put(entry("TJ", "MALFORMED", new byte[] {2}));
        quarantine.put(entry("KG", "EXPIRED", new byte[] {3}));

        assertThat(quarantine.list(new QuarantineStore.Query(10, null, "MALFORMED", null)))
                .extracting(QuarantineStore.Summary::deliveringPeer).containsExactly("TJ", "KG");
        assertThat(quarantine.list(new QuarantineStore.Query(10, null, "MALFORMED", "KG")))
                .extracting(QuarantineStore.Summary::sha256).containsExactly(QuarantineStore.sha256(new byte[] {1}));
        assertThat(quarantine.list(new QuarantineStore.Query(10, null, null, "UZ"))).isEmpty();
    }

    @Test
    void aListingNeverReturnsMoreThanTheCap() {
        assertThat(new QuarantineStore.Query(100_000, null, null, null).limit()).isEqualTo(QuarantineStore.MAX_LIMIT);
        assertThat(new QuarantineStore.Query(0, null, null, null).limit()).isEqualTo(1);
    }

    @Test
    void deleteRemovesOnlyThatEntry() throws Exception {
        quarantine.put(entry("KG", "MALFORMED", new byte[] {1}));
        quarantine.put(entry("KG", "MALFORMED", new byte[] {2}));
        long newest = quarantine.recent(1).get(0).id();

        assertThat(quarantine.delete(newest)).isTrue();
        assertThat(quarantine.delete(newest)).isFalse();
        assertThat(quarantine.raw(newest)).isEmpty();
        assertThat(quarantine.recent(10)).singleElement().satisfies(left ->
                assertThat(left.sha256()).isEqualTo(QuarantineStore.sha256(new byte[] {1})));
    }

    @Test
    void aReleaseIsMarkedOnceWithItsTimeAndActor() throws Exception {
        quarantine.put(entry("KG", "MALFORMED", new byte[] {1}));
        long id = quarantine.recent(1).get(0).id();
        Instant at = Instant.parse("2025-03-02T08:30:00Z");
        try (Connection connection = database.connection()) {
            assertThat(quarantine.markReleased(connection, id, at, "operator.alice")).isTrue();
            assertThat(quarantine.markReleased(connection, id, at.plusSeconds(5), "operator.bob")).isFalse();
            assertThat(quarantine.markReleased(connection, id + 1000, at, "operator.bob")).isFalse();
        }
        assertThat(quarantine.find(id)).hasValueSatisfying(entry -> {
            assertThat(entry.releasedAt()).isEqualTo(at);
            assertThat(entry.releasedBy()).isEqualTo("operator.alice");
        });
    }

    @Test
    void upgradingFillsSizeAndDigestOfEntriesQuarantinedBefore() throws Exception {
        String url = newDatabaseUrl();
        Flyway.configure().dataSource(url, user(), "").locations(NodeDatabase.MIGRATIONS).target("2").load()
                .migrate();
        byte[] raw = everyByteValue();
        try (Connection connection = java.sql.DriverManager.getConnection(url, user(), "");
                PreparedStatement insert = connection.prepareStatement("INSERT INTO quarantine (received_at,"
                        + " delivering_peer, reason_code, detail, raw_bytes) VALUES (?,?,?,?,?)")) {
            insert.setObject(1, Instant.now().atOffset(ZoneOffset.UTC));
            insert.setString(2, "KZ");
            insert.setString(3, "MALFORMED");
            insert.setString(4, "kept before V3");
            insert.setBytes(5, raw);
            insert.executeUpdate();
        }

        try (NodeDatabase upgraded = NodeDatabase.open(url, user(), new char[0])) {
            assertThat(new QuarantineStore(upgraded).recent(5)).singleElement().satisfies(entry -> {
                assertThat(entry.sizeBytes()).isEqualTo(256);
                assertThat(entry.sha256()).isEqualTo(QuarantineStore.sha256(raw));
                assertThat(entry.deliverTo()).isEmpty();
            });
        }
    }

    private static QuarantineStore.Quarantined entry(String peer, String reason, byte[] raw) {
        return new QuarantineStore.Quarantined(0, Instant.now(), peer, reason, "detail", null, null, raw);
    }

    private static byte[] everyByteValue() {
        byte[] raw = new byte[256];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) i;
        }
        return raw;
    }
}
