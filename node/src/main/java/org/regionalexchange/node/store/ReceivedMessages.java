package org.regionalexchange.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verified messages received by this node. Inserting is also the idempotency check: the messageId is the primary
 * key, so two consumers racing on the same message cannot both accept it.
 */
public final class ReceivedMessages {

    private final NodeDatabase database;

    public ReceivedMessages(NodeDatabase database) {
        this.database = database;
    }

    public record Received(String messageId, String kind, String sender, Instant receivedAt, String deliveringPeer,
            String digest, String headerJson, String documentJson) {}

    /**
     * What is known of a messageId already accepted: enough to tell a second copy from a replay and to answer it
     * with the same receipt.
     *
     * @param dispatched whether it reached the local subscribers
     */
    public record Stored(String digest, Instant receivedAt, boolean dispatched) {}

    /** @return true when stored, false when this messageId was already accepted */
    public boolean storeIfNew(Received received) {
        try (Connection connection = database.connection()) {
            return storeIfNew(connection, received);
        } catch (SQLException e) {
            if (NodeDatabase.isDuplicateKey(e)) {
                return false;
            }
            throw NodeDatabase.failure("storing received message " + received.messageId(), e);
        }
    }

    /**
     * Stores inside the caller's transaction, or returns false when the messageId is known. The look-up comes
     * first because a failed insert would abort the whole transaction on PostgreSQL; two writers racing past it
     * still meet the primary key.
     */
    public boolean storeIfNew(Connection connection, Received received) throws SQLException {
        if (stored(connection, received.messageId()).isPresent()) {
            return false;
        }
        insert(connection, received);
        return true;
    }

    /** Inserts inside the caller's transaction, for a caller that has just looked the messageId up itself. */
    public void insert(Connection connection, Received received) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO received_message (message_id,"
                + " kind, sender, received_at, delivering_peer, digest, header_json, document_json)"
                + " VALUES (?,?,?,?,?,?,?,?)")) {
            insert.setString(1, received.messageId());
            insert.setString(2, received.kind());
            insert.setString(3, received.sender());
            insert.setObject(4, SentMessages.time(received.receivedAt()));
            insert.setString(5, received.deliveringPeer());
            insert.setString(6, received.digest());
            insert.setString(7, received.headerJson());
            insert.setString(8, received.documentJson());
            insert.executeUpdate();
        }
    }

    public Optional<Stored> stored(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT digest, received_at, dispatched_at FROM received_message WHERE message_id = ?")) {
            query.setString(1, messageId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new Stored(rows.getString(1),
                        rows.getObject(2, OffsetDateTime.class).toInstant(), rows.getObject(3) != null))
                        : Optional.empty();
            }
        }
    }

    /** A delivered receipt this node owes the sender of a stored message. */
    public record Owed(String messageId, String sender, Instant receivedAt) {}

    /**
     * Notes that the sender of this stored message is owed a delivered receipt for it (again, for a second copy);
     * a receipt already owed stays as it is.
     */
    public void owe(String messageId, String sender, Instant receivedAt, Instant now) {
        database.write("noting the receipt owed for " + messageId, connection -> {
            try (PreparedStatement known = connection.prepareStatement(
                    "SELECT 1 FROM receipt_owed WHERE message_id = ?")) {
                known.setString(1, messageId);
                try (ResultSet row = known.executeQuery()) {
                    if (row.next()) {
                        return 0;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO receipt_owed (message_id,"
                    + " sender, received_at, owed_since) VALUES (?,?,?,?)")) {
                insert.setString(1, messageId);
                insert.setString(2, sender);
                insert.setObject(3, SentMessages.time(receivedAt));
                insert.setObject(4, SentMessages.time(now));
                return insert.executeUpdate();
            }
        });
    }

    /** Up to limit owed receipts, longest owed first. */
    public List<Owed> owed(int limit) {
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(
                "SELECT message_id, sender, received_at FROM receipt_owed ORDER BY owed_since, message_id LIMIT "
                        + limit); ResultSet rows = query.executeQuery()) {
            List<Owed> owed = new java.util.ArrayList<>();
            while (rows.next()) {
                owed.add(new Owed(rows.getString(1), rows.getString(2),
                        rows.getObject(3, OffsetDateTime.class).toInstant()));
            }
            return owed;
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the receipts owed", e);
        }
    }

    /** Removes owed receipts once a receipt for them is recorded and queued. */
    public void paid(java.util.Collection<String> messageIds) {
        database.write("noting " + messageIds.size() + " receipts sent", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM receipt_owed WHERE message_id = ?")) {
                for (String messageId : messageIds) {
                    delete.setString(1, messageId);
                    delete.addBatch();
                }
                return delete.executeBatch().length;
            }
        });
    }

    /** Notes that the local subscribers have it, so a later copy is not dispatched again. */
    public void dispatched(String messageId, Instant at) {
        database.write("noting the dispatch of " + messageId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE received_message SET dispatched_at = ? WHERE message_id = ?")) {
                update.setObject(1, SentMessages.time(at));
                update.setString(2, messageId);
                return update.executeUpdate();
            }
        });
    }

    public Optional<Received> find(String messageId) {
        List<Received> found = query("WHERE message_id = ?", List.of(messageId), 1);
        return found.stream().findFirst();
    }

    /** Messages of a kind (or all kinds when null) received in [from, to), newest first. */
    public List<Received> list(String kind, Instant from, Instant to, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(SentMessages.time(from), SentMessages.time(to)));
        String where = "WHERE received_at >= ? AND received_at < ?";
        if (kind != null) {
            where += " AND kind = ?";
            parameters.add(kind);
        }
        return query(where, parameters, limit);
    }

    /**
     * The received messages of a kind whose document mentions a messageId (a candidate list: the caller checks the
     * field), oldest first: e.g. the outcome reports answering one of this node's warnings.
     */
    public List<Received> mentioning(String kind, String messageId) {
        List<Received> found = new ArrayList<>(query("WHERE kind = ? AND document_json LIKE ?",
                List.of(kind, "%" + messageId.replace("%", "").replace("_", "") + "%"), 1000));
        java.util.Collections.reverse(found);
        return found;
    }

    /**
     * The message of a kind each sender sent last, by the time it arrived here. Two that arrived in the same
     * microsecond both come back; the caller picks.
     */
    public List<Received> latestPerSender(String kind) {
        return query("WHERE kind = ? AND received_at = (SELECT MAX(latest.received_at) FROM received_message latest"
                + " WHERE latest.kind = received_message.kind AND latest.sender = received_message.sender)",
                List.of(kind), 1000);
    }

    private List<Received> query(String where, List<Object> parameters, int limit) {
        String sql = "SELECT message_id, kind, sender, received_at, delivering_peer, digest, header_json,"
                + " document_json FROM received_message " + where + " ORDER BY received_at DESC LIMIT " + limit;
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            List<Received> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new Received(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getObject(4, OffsetDateTime.class).toInstant(), rows.getString(5), rows.getString(6),
                            rows.getString(7), rows.getString(8)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading received messages", e);
        }
    }
}
