package org.regionalexchange.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The member directories this node took into force ({@code member_directory}), so the one in force outlives a
 * restart. A received directory is kept in the transaction that stores its message; the hub keeps each one it
 * publishes before handing it to the outbox.
 */
public final class Directories {

    /** One directory as kept: its version, the message that carried it (null until the hub has sent it). */
    public record Kept(long version, String messageId, Instant issuedAt, String documentJson, Instant appliedAt) {}

    private final NodeDatabase database;

    public Directories(NodeDatabase database) {
        this.database = database;
    }

    /** The directory of the highest version kept, the one in force. */
    public Optional<Kept> latest() {
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(
                "SELECT version, message_id, issued_at, document_json, applied_at FROM member_directory"
                        + " ORDER BY version DESC LIMIT 1"); ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new Kept(rows.getLong(1), rows.getString(2),
                    rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getString(4),
                    rows.getObject(5, OffsetDateTime.class).toInstant()));
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the member directory in force", e);
        }
    }

    /** The messages that brought the directories kept, so a further copy of one is told from a stale directory. */
    public java.util.Set<String> messageIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(
                "SELECT message_id FROM member_directory WHERE message_id IS NOT NULL");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the messages of the member directories kept", e);
        }
        return ids;
    }

    /**
     * Keeps a directory within the caller's transaction (a received one, with the message that carried it).
     *
     * @return false, keeping nothing, when a directory of that version is kept already
     */
    public boolean insertIfAbsent(Connection connection, Kept kept) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM member_directory WHERE version = ?")) {
            query.setLong(1, kept.version());
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO member_directory (version,"
                + " message_id, issued_at, document_json, applied_at) VALUES (?,?,?,?,?)")) {
            insert.setLong(1, kept.version());
            insert.setString(2, kept.messageId());
            insert.setObject(3, SentMessages.time(kept.issuedAt()));
            insert.setString(4, kept.documentJson());
            insert.setObject(5, SentMessages.time(kept.appliedAt()));
            insert.executeUpdate();
        }
        return true;
    }

    /** Keeps a directory the hub is about to publish, in a transaction of its own. */
    public void keep(Kept kept) {
        boolean added = database.write("keeping member directory version " + kept.version(),
                connection -> insertIfAbsent(connection, kept));
        if (!added) {
            throw new IllegalStateException("member directory version " + kept.version() + " is kept already");
        }
    }

    /** Notes the message that carried a directory the hub published. */
    public void sent(long version, String messageId) {
        database.write("noting the message of member directory version " + version, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE member_directory SET message_id = ? WHERE version = ?")) {
                update.setString(1, messageId);
                update.setLong(2, version);
                update.executeUpdate();
            }
            return null;
        });
    }
}
