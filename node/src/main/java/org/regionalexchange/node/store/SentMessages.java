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
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Messages this node originated, their sealed bytes (so a message without a receipt can be resent unchanged) and
 * their status per final recipient.
 */
public final class SentMessages {

    private static final int MAX_ERROR = 500;

    private final NodeDatabase database;
    private final Clock clock;

    public SentMessages(NodeDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * A sent message as recorded: its header facts and, per final recipient, the hop it left through.
     *
     * @param wire the sealed envelope, null for records made without one (tests of the status rules)
     */
    public record Sent(String messageId, String kind, Instant createdAt, Instant expiresAt, String handling,
            String headerJson, String digest, Map<String, String> nextHopByRecipient, byte[] wire) {

        public Sent(String messageId, String kind, Instant createdAt, Instant expiresAt, String handling,
                String headerJson, String digest, Map<String, String> nextHopByRecipient) {
            this(messageId, kind, createdAt, expiresAt, handling, headerJson, digest, nextHopByRecipient, null);
        }
    }

    /**
     * A recipient that was handed its copy and whose receipt is overdue.
     *
     * @param handedOverAt when the first copy left this node
     */
    public record Unconfirmed(String messageId, String recipient, int resends, Instant expiresAt,
            Instant handedOverAt) {}

    /**
     * How a recipient has been answering: when its last receipt came, and the latest first hand-over it has
     * confirmed (first, because a resend's receipt may come from the original copy). Either is null when it never
     * answered.
     */
    public record Progress(Instant lastReceiptAt, Instant latestConfirmedHandOver) {}

    /** Records in a transaction of its own. */
    public void record(Sent sent) {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                record(connection, sent);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw NodeDatabase.failure("recording sent message " + sent.messageId(), e);
        }
    }

    /** Records inside the caller's transaction (with the audit entries that vouch for it). */
    public void record(Connection connection, Sent sent) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement message = connection.prepareStatement("INSERT INTO sent_message (message_id, kind,"
                + " created_at, expires_at, handling, header_json, digest, submitted_at, wire)"
                + " VALUES (?,?,?,?,?,?,?,?,?)");
                PreparedStatement recipient = connection.prepareStatement("INSERT INTO sent_recipient (message_id,"
                        + " recipient, next_hop, status, reason_code, updated_at, receipt) VALUES (?,?,?,?,NULL,?,?)")) {
            message.setString(1, sent.messageId());
            message.setString(2, sent.kind());
            message.setObject(3, time(sent.createdAt()));
            message.setObject(4, sent.expiresAt() == null ? null : time(sent.expiresAt()));
            message.setString(5, sent.handling());
            message.setString(6, sent.headerJson());
            message.setString(7, sent.digest());
            message.setObject(8, time(now));
            message.setBytes(9, sent.wire());
            message.executeUpdate();
            for (Map.Entry<String, String> entry : sent.nextHopByRecipient().entrySet()) {
                recipient.setString(1, sent.messageId());
                recipient.setString(2, entry.getKey());
                recipient.setString(3, entry.getValue());
                recipient.setString(4, DeliveryStatus.QUEUED.name());
                recipient.setObject(5, time(now));
                recipient.setBoolean(6, "receipt".equals(sent.kind()));
                recipient.addBatch();
            }
            recipient.executeBatch();
        }
    }

    /** Removes a message whose copies could never be queued, inside the caller's transaction. */
    public void withdraw(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement recipients = connection.prepareStatement(
                "DELETE FROM sent_recipient WHERE message_id = ?");
                PreparedStatement message = connection.prepareStatement(
                        "DELETE FROM sent_message WHERE message_id = ?")) {
            recipients.setString(1, messageId);
            recipients.executeUpdate();
            message.setString(1, messageId);
            message.executeUpdate();
        }
    }

    /**
     * Moves a recipient's status forward; a status that is not ahead of the current one is ignored.
     *
     * @return whether the status changed
     */
    public boolean advance(String messageId, String recipient, DeliveryStatus status, String reasonCode) {
        return !advanceAll(List.of(messageId), recipient, status, reasonCode).isEmpty();
    }

    /**
     * Moves one recipient's status forward for several messages at once, in one write (a receipt that answers many
     * messages); statuses not ahead of the current one are ignored.
     *
     * @param reasonCode why they were rejected, null for any other status
     * @return the messages whose status changed, each with its kind and submission time, in the order given
     */
    public Map<String, Submitted> advanceAll(List<String> messageIds, String recipient, DeliveryStatus status,
            String reasonCode) {
        String action = "updating the status of " + messageIds.get(0)
                + (messageIds.size() > 1 ? " and " + (messageIds.size() - 1) + " more" : "") + " for " + recipient;
        return database.write(action, connection -> {
                    Map<String, Submitted> advanced = new LinkedHashMap<>();
                    try (PreparedStatement update = connection.prepareStatement("UPDATE sent_recipient SET status = ?,"
                            + " reason_code = ?, updated_at = ?, last_error = NULL, next_attempt_at = NULL"
                            + " WHERE message_id = ? AND recipient = ? AND status IN (" + behind(status) + ")");
                            PreparedStatement query = connection.prepareStatement(
                                    "SELECT kind, submitted_at FROM sent_message WHERE message_id = ?")) {
                        Object at = time(clock.instant());
                        for (String messageId : messageIds) {
                            update.setString(1, status.name());
                            update.setString(2, reasonCode);
                            update.setObject(3, at);
                            update.setString(4, messageId);
                            update.setString(5, recipient);
                            if (update.executeUpdate() == 1) {
                                query.setString(1, messageId);
                                try (ResultSet rows = query.executeQuery()) {
                                    if (rows.next()) {
                                        advanced.put(messageId, new Submitted(rows.getString(1),
                                                rows.getObject(2, OffsetDateTime.class).toInstant()));
                                    }
                                }
                            }
                        }
                    }
                    return advanced;
                });
    }

    /**
     * The recipient's copy was handed to the next hop; a receipt is due by {@code receiptDue}, else it is resent.
     * A later hand-over (a resend) moves the deadline; a recipient that already answered is left alone.
     */
    public void forwarded(String messageId, String recipient, Instant receiptDue) {
        forwarded(messageId, recipient, receiptDue, null);
    }

    /**
     * As {@link #forwarded(String, String, Instant)}, and {@code hop} becomes the recipient's next hop: the one that
     * really took the copy, which differs from the planned one after a fallback to the hub or a resend through it.
     *
     * @param hop the peer that took the copy, null to keep the next hop recorded
     */
    public void forwarded(String messageId, String recipient, Instant receiptDue, String hop) {
        Instant now = clock.instant();
        // After a resend the deadline already carries the back-off; the hand-over only pushes it later, never
        // earlier. A delivery error from before the first hand-over is over; a resend's note stays.
        List<Object> parameters = new ArrayList<>(List.of(DeliveryStatus.FORWARDED.name(), time(now)));
        if (hop != null) {
            parameters.add(hop);
        }
        parameters.addAll(List.of(time(now), time(now), time(receiptDue), time(receiptDue), messageId, recipient));
        update("updating the status of " + messageId, "UPDATE sent_recipient SET status = ?, updated_at = ?,"
                + (hop == null ? "" : " next_hop = ?,") + " last_attempt_at = ?,"
                + " handed_over_at = COALESCE(handed_over_at, ?),"
                + " next_attempt_at = GREATEST(COALESCE(next_attempt_at, ?), ?),"
                + " last_error = CASE WHEN attempts = 0 THEN NULL ELSE last_error END WHERE message_id = ?"
                + " AND recipient = ? AND status IN (" + behind(DeliveryStatus.DELIVERED) + ")",
                parameters.toArray());
    }

    /**
     * A copy waiting for one hop was queued for another (a neighbour's link went down, the hub relays instead):
     * the recipients' next hop, inside the caller's transaction (with the audit entry that records it). A recipient
     * that already answered is left alone.
     */
    public void rerouted(Connection connection, String messageId, Collection<String> recipients, String hop)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE sent_recipient SET next_hop = ?,"
                + " updated_at = ? WHERE message_id = ? AND recipient = ? AND status IN ("
                + behind(DeliveryStatus.DELIVERED) + ")")) {
            Object at = time(clock.instant());
            for (String recipient : recipients) {
                update.setString(1, hop);
                update.setObject(2, at);
                update.setString(3, messageId);
                update.setString(4, recipient);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Notes why the last attempt for these recipients failed, for the operator reading the status. */
    public void noteError(String messageId, Collection<String> recipients, String error) {
        for (String recipient : recipients) {
            update("noting a delivery error of " + messageId, "UPDATE sent_recipient SET last_error = ?"
                    + " WHERE message_id = ? AND recipient = ? AND status IN (" + behind(DeliveryStatus.DELIVERED)
                    + ")", truncate(error), messageId, recipient);
        }
    }

    /** Recipients handed their copy whose receipt was due before now, oldest deadline first. */
    public List<Unconfirmed> unconfirmed(int limit) {
        String sql = "SELECT r.message_id, r.recipient, r.attempts, m.expires_at, r.handed_over_at"
                + " FROM sent_recipient r"
                + " JOIN sent_message m ON m.message_id = r.message_id WHERE r.status = 'FORWARDED'"
                + " AND r.next_attempt_at <= ? AND m.kind <> 'receipt' ORDER BY r.next_attempt_at LIMIT " + limit;
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, time(clock.instant()));
            List<Unconfirmed> due = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    due.add(new Unconfirmed(rows.getString(1), rows.getString(2), rows.getInt(3),
                            instant(rows.getObject(4, OffsetDateTime.class)),
                            instant(rows.getObject(5, OffsetDateTime.class))));
                }
            }
            return due;
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading unconfirmed deliveries", e);
        }
    }

    public Progress progress(String recipient) {
        String sql = "SELECT MAX(r.updated_at), MAX(r.handed_over_at) FROM sent_recipient r JOIN sent_message m"
                + " ON m.message_id = r.message_id WHERE r.recipient = ? AND r.status IN ('DELIVERED', 'REJECTED')"
                + " AND m.kind <> 'receipt'";
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, recipient);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return new Progress(instant(rows.getObject(1, OffsetDateTime.class)),
                        instant(rows.getObject(2, OffsetDateTime.class)));
            }
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the receipts of " + recipient, e);
        }
    }

    /** Looks at an overdue recipient again later without counting a resend. */
    public void postpone(String messageId, String recipient, Instant nextDue) {
        update("postponing a resend of " + messageId, "UPDATE sent_recipient SET next_attempt_at = ?"
                + " WHERE message_id = ? AND recipient = ? AND status = 'FORWARDED'", time(nextDue), messageId,
                recipient);
    }

    /** Queued recipients (no hand-over seen yet) by message, for the outbox check at start-up. */
    public Map<String, List<String>> queued() {
        String sql = "SELECT r.message_id, r.recipient FROM sent_recipient r JOIN sent_message m"
                + " ON m.message_id = r.message_id WHERE r.status = 'QUEUED' AND m.wire IS NOT NULL";
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            Map<String, List<String>> queued = new LinkedHashMap<>();
            while (rows.next()) {
                queued.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getString(2));
            }
            return queued;
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading queued deliveries", e);
        }
    }

    /**
     * Counts a resend and sets the next deadline, or with {@code nextDue} null gives up (the message expired) and
     * says why in the status.
     */
    public void resent(String messageId, String recipient, Instant nextDue, String note) {
        update("recording a resend of " + messageId, "UPDATE sent_recipient SET attempts = attempts + ?,"
                + " last_attempt_at = ?, next_attempt_at = ?, last_error = ? WHERE message_id = ? AND recipient = ?"
                + " AND status = 'FORWARDED'", nextDue == null ? 0 : 1, time(clock.instant()),
                nextDue == null ? null : time(nextDue), truncate(note), messageId, recipient);
    }

    /** How many recipients of this node's messages (receipts aside) stand at each status. */
    public Map<DeliveryStatus, Long> summary() {
        // The receipt flag on the row spares a join to sent_message, whose rows carry the sealed bytes.
        String sql = "SELECT status, COUNT(*) FROM sent_recipient WHERE receipt = FALSE GROUP BY status";
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(sql);
                ResultSet rows = query.executeQuery()) {
            Map<DeliveryStatus, Long> counts = new java.util.EnumMap<>(DeliveryStatus.class);
            for (DeliveryStatus status : DeliveryStatus.values()) {
                counts.put(status, 0L);
            }
            while (rows.next()) {
                counts.put(DeliveryStatus.valueOf(rows.getString(1)), rows.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw NodeDatabase.failure("counting delivery statuses", e);
        }
    }

    /** The kind of a message this node sent, empty when it sent none under this messageId. */
    public Optional<String> kind(String messageId) {
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(
                "SELECT kind FROM sent_message WHERE message_id = ?")) {
            query.setString(1, messageId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading sent message " + messageId, e);
        }
    }

    /** What a receipt's latency is measured against: the kind, and when the message was submitted. */
    public record Submitted(String kind, Instant submittedAt) {}

    /** The kind and submission time of a message this node sent, empty when it sent none under this messageId. */
    public Optional<Submitted> submitted(String messageId) {
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(
                "SELECT kind, submitted_at FROM sent_message WHERE message_id = ?")) {
            query.setString(1, messageId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new Submitted(rows.getString(1),
                        rows.getObject(2, java.time.OffsetDateTime.class).toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading sent message " + messageId, e);
        }
    }

    /** The sealed envelope as first sent. */
    public Optional<byte[]> wire(String messageId) {
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(
                "SELECT wire FROM sent_message WHERE message_id = ?")) {
            query.setString(1, messageId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading sent message " + messageId, e);
        }
    }

    /** A message this node sent, as a list of them shows it. */
    public record Recent(String messageId, String kind, Instant createdAt, String handling) {}

    /**
     * This node's messages, newest first: of one kind, or of every kind but the receipts and audit checkpoints the
     * node sends by itself.
     */
    public List<Recent> recent(String kind, int limit) {
        String where = kind == null ? "kind NOT IN ('receipt', 'audit-checkpoint')" : "kind = ?";
        try (Connection connection = database.connection();
                PreparedStatement query = connection.prepareStatement("SELECT message_id, kind, created_at, handling"
                        + " FROM sent_message WHERE " + where + " ORDER BY created_at DESC, message_id LIMIT ?")) {
            int index = 1;
            if (kind != null) {
                query.setString(index++, kind);
            }
            query.setInt(index, limit);
            List<Recent> recent = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    recent.add(new Recent(rows.getString(1), rows.getString(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getString(4)));
                }
            }
            return recent;
        } catch (SQLException e) {
            throw NodeDatabase.failure("listing the messages this node sent", e);
        }
    }

    /** Per-recipient status of a message, empty when this node did not send it. */
    public List<RecipientStatus> statusOf(String messageId) {
        return statusesOf(List.of(messageId)).get(messageId);
    }

    /**
     * Per-recipient status of several messages in one query, for a listing: every id given is a key, in the order
     * given, with an empty list when this node did not send it.
     */
    public Map<String, List<RecipientStatus>> statusesOf(List<String> messageIds) {
        Map<String, List<RecipientStatus>> statuses = new LinkedHashMap<>();
        messageIds.forEach(id -> statuses.put(id, new ArrayList<>()));
        if (messageIds.isEmpty()) {
            return statuses;
        }
        String placeholders = String.join(", ", Collections.nCopies(messageIds.size(), "?"));
        try (Connection connection = database.connection();
                PreparedStatement query = connection.prepareStatement("SELECT message_id, recipient, next_hop,"
                        + " status, reason_code, updated_at, attempts, last_attempt_at, last_error FROM sent_recipient"
                        + " WHERE message_id IN (" + placeholders + ") ORDER BY message_id, recipient")) {
            for (int i = 0; i < messageIds.size(); i++) {
                query.setString(i + 1, messageIds.get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    OffsetDateTime lastAttempt = rows.getObject(8, OffsetDateTime.class);
                    statuses.get(rows.getString(1)).add(new RecipientStatus(rows.getString(2), rows.getString(3),
                            DeliveryStatus.valueOf(rows.getString(4)), rows.getString(5),
                            rows.getObject(6, OffsetDateTime.class).toInstant(), rows.getInt(7),
                            lastAttempt == null ? null : lastAttempt.toInstant(), rows.getString(9)));
                }
            }
            return statuses;
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the status of " + (messageIds.size() == 1 ? messageIds.get(0)
                    : messageIds.size() + " messages"), e);
        }
    }

    /** One update, committed with the other writers of the moment (see {@link NodeDatabase#write}). */
    private int update(String action, String sql, Object... parameters) {
        return database.write(action, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    update.setObject(i + 1, parameters[i]);
                }
                return update.executeUpdate();
            }
        });
    }

    /** The statuses a move to {@code status} may leave: those of a lower rank. */
    private static String behind(DeliveryStatus status) {
        List<String> behind = new ArrayList<>();
        for (DeliveryStatus candidate : DeliveryStatus.values()) {
            if (candidate.rank() < status.rank()) {
                behind.add("'" + candidate.name() + "'");
            }
        }
        return behind.isEmpty() ? "NULL" : String.join(",", behind);
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
