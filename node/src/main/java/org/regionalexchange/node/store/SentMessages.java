package org.regionalexchange.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Messages this node originated and their status per final recipient. */
public final class SentMessages {

    private final NodeDatabase database;
    private final Clock clock;

    public SentMessages(NodeDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** A sent message as recorded: its header facts and, per final recipient, the hop it left through. */
    public record Sent(String messageId, String kind, Instant createdAt, Instant expiresAt, String handling,
            String headerJson, String digest, Map<String, String> nextHopByRecipient) {}

    public void record(Sent sent) {
        Instant now = clock.instant();
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement message = connection.prepareStatement("INSERT INTO sent_message (message_id, kind,"
                    + " created_at, expires_at, handling, header_json, digest, submitted_at) VALUES (?,?,?,?,?,?,?,?)");
                    PreparedStatement recipient = connection.prepareStatement("INSERT INTO sent_recipient (message_id,"
                            + " recipient, next_hop, status, reason_code, updated_at) VALUES (?,?,?,?,NULL,?)")) {
                message.setString(1, sent.messageId());
                message.setString(2, sent.kind());
                message.setObject(3, time(sent.createdAt()));
                message.setObject(4, sent.expiresAt() == null ? null : time(sent.expiresAt()));
                message.setString(5, sent.handling());
                message.setString(6, sent.headerJson());
                message.setString(7, sent.digest());
                message.setObject(8, time(now));
                message.executeUpdate();
                for (Map.Entry<String, String> entry : sent.nextHopByRecipient().entrySet()) {
                    recipient.setString(1, sent.messageId());
                    recipient.setString(2, entry.getKey());
                    recipient.setString(3, entry.getValue());
                    recipient.setString(4, DeliveryStatus.QUEUED.name());
                    recipient.setObject(5, time(now));
                    recipient.addBatch();
                }
                recipient.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw NodeDatabase.failure("recording sent message " + sent.messageId(), e);
        }
    }

    /**
     * Moves a recipient's status forward; a status that is not ahead of the current one is ignored.
     *
     * @return whether the status changed
     */
    public boolean advance(String messageId, String recipient, DeliveryStatus status, String reasonCode) {
        List<String> behind = new ArrayList<>();
        for (DeliveryStatus candidate : DeliveryStatus.values()) {
            if (candidate.rank() < status.rank()) {
                behind.add("'" + candidate.name() + "'");
            }
        }
        if (behind.isEmpty()) {
            return false;
        }
        String sql = "UPDATE sent_recipient SET status = ?, reason_code = ?, updated_at = ? WHERE message_id = ?"
                + " AND recipient = ? AND status IN (" + String.join(",", behind) + ")";
        try (Connection connection = database.connection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, status.name());
            update.setString(2, reasonCode);
            update.setObject(3, time(clock.instant()));
            update.setString(4, messageId);
            update.setString(5, recipient);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw NodeDatabase.failure("updating the status of " + messageId, e);
        }
    }

    /** Per-recipient status of a message, empty when this node did not send it. */
    public List<RecipientStatus> statusOf(String messageId) {
        try (Connection connection = database.connection();
                PreparedStatement query = connection.prepareStatement("SELECT recipient, next_hop, status,"
                        + " reason_code, updated_at FROM sent_recipient WHERE message_id = ? ORDER BY recipient")) {
            query.setString(1, messageId);
            List<RecipientStatus> statuses = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.add(new RecipientStatus(rows.getString(1), rows.getString(2),
                            DeliveryStatus.valueOf(rows.getString(3)), rows.getString(4),
                            rows.getObject(5, OffsetDateTime.class).toInstant()));
                }
            }
            return statuses;
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the status of " + messageId, e);
        }
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
