package org.regionalexchange.node.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Rejected input, kept byte for byte so an operator can examine it and, once fixed, have it sent again. Listings
 * read the size and SHA-256 kept beside the bytes, never the bytes: one entry can be megabytes, a page of them more.
 */
public final class QuarantineStore {

    /** The most a listing returns in one page. */
    public static final int MAX_LIMIT = 500;

    private static final String SUMMARY_COLUMNS = "id, received_at, delivering_peer, reason_code, detail,"
            + " message_id, sender, deliver_to, size_bytes, sha256, released_at, released_by";

    private final NodeDatabase database;

    public QuarantineStore(NodeDatabase database) {
        this.database = database;
    }

    /**
     * What is put into quarantine.
     *
     * @param messageId and sender may be null when the bytes could not be read far enough to know them
     * @param deliverTo the final recipients the delivered copy was meant for (empty when it carried none)
     */
    public record Quarantined(long id, Instant receivedAt, String deliveringPeer, String reasonCode, String detail,
            String messageId, String sender, List<String> deliverTo, byte[] rawBytes) {

        public Quarantined {
            deliverTo = deliverTo == null ? List.of() : List.copyOf(deliverTo);
        }

        public Quarantined(long id, Instant receivedAt, String deliveringPeer, String reasonCode, String detail,
                String messageId, String sender, byte[] rawBytes) {
            this(id, receivedAt, deliveringPeer, reasonCode, detail, messageId, sender, List.of(), rawBytes);
        }
    }

    /**
     * One entry without its bytes.
     *
     * @param sha256 hex SHA-256 of the raw bytes, the digest the audit log records for the message
     * @param releasedAt set (with releasedBy) once a release was decided and until the entry is removed after
     *     its bytes went back to the inbox; an entry still marked after that means the node stopped in between
     */
    public record Summary(long id, Instant receivedAt, String deliveringPeer, String reasonCode, String detail,
            String messageId, String sender, List<String> deliverTo, long sizeBytes, String sha256,
            Instant releasedAt, String releasedBy) {}

    /**
     * Which entries a listing returns: newest first, at most limit (capped at {@link #MAX_LIMIT}).
     *
     * @param before only entries with a smaller id (the last id of the previous page), or null for the newest
     * @param reasonCode and deliveringPeer filter when not null
     */
    public record Query(int limit, Long before, String reasonCode, String deliveringPeer) {

        public Query {
            limit = Math.max(1, Math.min(limit, MAX_LIMIT));
        }

        public static Query newest(int limit) {
            return new Query(limit, null, null, null);
        }
    }

    public void put(Quarantined entry) {
        try (Connection connection = database.connection()) {
            put(connection, entry);
        } catch (SQLException e) {
            throw NodeDatabase.failure("quarantining a message from " + entry.deliveringPeer(), e);
        }
    }

    /** Quarantines inside the caller's transaction (with the audit entry of the rejection). */
    public void put(Connection connection, Quarantined entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO quarantine (received_at,"
                + " delivering_peer, reason_code, detail, message_id, sender, deliver_to, raw_bytes, size_bytes,"
                + " sha256) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            insert.setObject(1, SentMessages.time(entry.receivedAt()));
            insert.setString(2, entry.deliveringPeer());
            insert.setString(3, entry.reasonCode());
            String detail = entry.detail() == null ? "" : entry.detail();
            insert.setString(4, detail.length() > 2000 ? detail.substring(0, 2000) : detail);
            insert.setString(5, entry.messageId());
            insert.setString(6, entry.sender());
            String deliverTo = String.join(",", entry.deliverTo());
            insert.setString(7, deliverTo.isEmpty() ? null : deliverTo);
            insert.setBytes(8, entry.rawBytes());
            insert.setLong(9, entry.rawBytes().length);
            insert.setString(10, sha256(entry.rawBytes()));
            insert.executeUpdate();
        }
    }

    /**
     * Repeated rejections of one reason from one peer within one hour, counted instead of kept.
     *
     * @param hourStart the hour they fall in, truncated to the hour
     */
    public record Repeats(String deliveringPeer, String reasonCode, Instant hourStart, long repeats,
            String firstMessageId, String lastMessageId, Instant firstAt, Instant lastAt) {}

    /** Counts one more repeated rejection of this reason from this peer in the hour of {@code at}. */
    public void countRepeat(String deliveringPeer, String reasonCode, String anyMessageId, Instant at) {
        String messageId = anyMessageId == null || anyMessageId.length() <= 64 ? anyMessageId
                : anyMessageId.substring(0, 64);
        Instant hour = at.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        database.write("counting a repeated rejection from " + deliveringPeer, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE quarantine_repeat SET"
                    + " repeats = repeats + 1, last_message_id = ?, last_at = ? WHERE delivering_peer = ?"
                    + " AND reason_code = ? AND hour_start = ?")) {
                update.setString(1, messageId);
                update.setObject(2, SentMessages.time(at));
                update.setString(3, deliveringPeer);
                update.setString(4, reasonCode);
                update.setObject(5, SentMessages.time(hour));
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO quarantine_repeat"
                    + " (delivering_peer, reason_code, hour_start, repeats, first_message_id, last_message_id,"
                    + " first_at, last_at) VALUES (?,?,?,1,?,?,?,?)")) {
                insert.setString(1, deliveringPeer);
                insert.setString(2, reasonCode);
                insert.setObject(3, SentMessages.time(hour));
                insert.setString(4, messageId);
                insert.setString(5, messageId);
                insert.setObject(6, SentMessages.time(at));
                insert.setObject(7, SentMessages.time(at));
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The counted repeats, the newest hour first. */
    public List<Repeats> repeats(int limit) {
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(
                "SELECT delivering_peer, reason_code, hour_start, repeats, first_message_id, last_message_id,"
                        + " first_at, last_at FROM quarantine_repeat ORDER BY hour_start DESC, repeats DESC"
                        + " LIMIT ?")) {
            query.setInt(1, Math.max(1, Math.min(limit, MAX_LIMIT)));
            List<Repeats> repeats = new java.util.ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    repeats.add(new Repeats(rows.getString(1), rows.getString(2),
                            rows.getObject(3, java.time.OffsetDateTime.class).toInstant(), rows.getLong(4),
                            rows.getString(5), rows.getString(6),
                            rows.getObject(7, java.time.OffsetDateTime.class).toInstant(),
                            rows.getObject(8, java.time.OffsetDateTime.class).toInstant()));
                }
            }
            return repeats;
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the counted repeats", e);
        }
    }

    /** The most recent entries first, without their bytes. */
    public List<Summary> recent(int limit) {
        return list(Query.newest(limit));
    }

    public List<Summary> list(Query query) {
        StringBuilder sql = new StringBuilder("SELECT " + SUMMARY_COLUMNS + " FROM quarantine WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (query.before() != null) {
            sql.append(" AND id < ?");
            parameters.add(query.before());
        }
        if (query.reasonCode() != null) {
            sql.append(" AND reason_code = ?");
            parameters.add(query.reasonCode());
        }
        if (query.deliveringPeer() != null) {
            sql.append(" AND delivering_peer = ?");
            parameters.add(query.deliveringPeer());
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(query.limit());
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<Summary> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(summary(rows));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the quarantine", e);
        }
    }

    public Optional<Summary> find(long id) {
        try (Connection connection = database.connection()) {
            return find(connection, id);
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading quarantine entry " + id, e);
        }
    }

    public Optional<Summary> find(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + SUMMARY_COLUMNS + " FROM quarantine WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(summary(row)) : Optional.empty();
            }
        }
    }

    /** The bytes of one entry exactly as they arrived, or empty when there is no such entry. */
    public Optional<byte[]> raw(long id) {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT raw_bytes FROM quarantine WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the bytes of quarantine entry " + id, e);
        }
    }

    /**
     * Marks an entry as being released, inside the caller's transaction (with the audit entry of the release).
     *
     * @return false when the entry does not exist or was already marked
     */
    public boolean markReleased(Connection connection, long id, Instant at, String actor) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE quarantine SET released_at = ?,"
                + " released_by = ? WHERE id = ? AND released_at IS NULL")) {
            update.setObject(1, SentMessages.time(at));
            update.setString(2, actor);
            update.setLong(3, id);
            return update.executeUpdate() == 1;
        }
    }

    /** Removes an entry inside the caller's transaction; false when there was none. */
    public boolean delete(Connection connection, long id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM quarantine WHERE id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        }
    }

    /** Removes an entry on its own; false when there was none. */
    public boolean delete(long id) {
        try (Connection connection = database.connection()) {
            return delete(connection, id);
        } catch (SQLException e) {
            throw NodeDatabase.failure("removing quarantine entry " + id, e);
        }
    }

    private static Summary summary(ResultSet rows) throws SQLException {
        String deliverTo = rows.getString(8);
        OffsetDateTime releasedAt = rows.getObject(11, OffsetDateTime.class);
        return new Summary(rows.getLong(1), rows.getObject(2, OffsetDateTime.class).toInstant(), rows.getString(3),
                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                deliverTo == null || deliverTo.isBlank() ? List.of()
                        : Arrays.stream(deliverTo.split(",")).map(String::strip).toList(),
                rows.getLong(9), rows.getString(10).strip(), releasedAt == null ? null : releasedAt.toInstant(),
                rows.getString(12));
    }

    /** Hex SHA-256, as the audit log digests wire bytes; computed here since the store may not use the audit. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
