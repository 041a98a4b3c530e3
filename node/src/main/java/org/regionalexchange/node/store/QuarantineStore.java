package org.regionalexchange.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Rejected input, kept byte for byte so an operator can examine it and, once fixed, have it sent again. */
public final class QuarantineStore {

    private final NodeDatabase database;

    public QuarantineStore(NodeDatabase database) {
        this.database = database;
    }

    /** @param messageId and sender may be null when the bytes could not be read far enough to know them */
    public record Quarantined(long id, Instant receivedAt, String deliveringPeer, String reasonCode, String detail,
            String messageId, String sender, byte[] rawBytes) {}

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
                + " delivering_peer, reason_code, detail, message_id, sender, raw_bytes) VALUES (?,?,?,?,?,?,?)")) {
            insert.setObject(1, SentMessages.time(entry.receivedAt()));
            insert.setString(2, entry.deliveringPeer());
            insert.setString(3, entry.reasonCode());
            String detail = entry.detail() == null ? "" : entry.detail();
            insert.setString(4, detail.length() > 2000 ? detail.substring(0, 2000) : detail);
            insert.setString(5, entry.messageId());
            insert.setString(6, entry.sender());
            insert.setBytes(7, entry.rawBytes());
            insert.executeUpdate();
        }
    }

    /** The most recent entries first. */
    public List<Quarantined> recent(int limit) {
        try (Connection connection = database.connection();
                PreparedStatement query = connection.prepareStatement("SELECT id, received_at, delivering_peer,"
                        + " reason_code, detail, message_id, sender, raw_bytes FROM quarantine ORDER BY id DESC"
                        + " LIMIT " + limit)) {
            List<Quarantined> entries = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Quarantined(rows.getLong(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
                            rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                            rows.getString(7), rows.getBytes(8)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the quarantine", e);
        }
    }
}
