package org.regionalexchange.node.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.regionalexchange.node.audit.AuditAnchor;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.AuditReport;
import org.regionalexchange.node.store.NodeDatabase;

/**
 * Reads one stopped node's store the way an auditor would: its sent records and their status per recipient, what it
 * received, its quarantine, and its audit chain checked against the node's own anchor.
 */
final class DrillAudit {

    private final Set<String> sent = new HashSet<>();
    private final Map<String, Set<String>> undelivered = new HashMap<>();
    private final Set<String> received = new HashSet<>();
    private final Map<String, java.time.Instant> receivedAt = new HashMap<>();
    private final Map<String, Set<String>> auditedAs = new HashMap<>();
    private final int quarantined;
    private final Map<String, Integer> quarantinedBy = new HashMap<>();
    private final Map<String, Long> repeatsBy = new HashMap<>();
    private final AuditReport chain;

    DrillAudit(String url, String user, AuditAnchor anchor) {
        try (NodeDatabase database = NodeDatabase.open(url, user, new char[0]);
                Connection connection = database.connection()) {
            query(connection, "SELECT message_id FROM sent_message WHERE kind = 'seizure-notice'",
                    row -> sent.add(row.getString(1)));
            query(connection, "SELECT r.message_id, r.recipient FROM sent_recipient r JOIN sent_message m ON"
                    + " m.message_id = r.message_id WHERE m.kind = 'seizure-notice' AND r.status <> 'DELIVERED'",
                    row -> undelivered.computeIfAbsent(row.getString(1), id -> new HashSet<>()).add(row.getString(2)));
            query(connection, "SELECT message_id, received_at FROM received_message WHERE kind = 'seizure-notice'",
                    row -> {
                        received.add(row.getString(1));
                        receivedAt.put(row.getString(1), row.getObject(2, java.time.OffsetDateTime.class)
                                .toInstant());
                    });
            query(connection, "SELECT message_id, decision FROM audit_log",
                    row -> auditedAs.computeIfAbsent(row.getString(1), id -> new HashSet<>()).add(row.getString(2)));
            query(connection, "SELECT delivering_peer, COUNT(*) FROM quarantine GROUP BY delivering_peer",
                    row -> quarantinedBy.put(row.getString(1), row.getInt(2)));
            query(connection, "SELECT delivering_peer, SUM(repeats) FROM quarantine_repeat GROUP BY delivering_peer",
                    row -> repeatsBy.put(row.getString(1), row.getLong(2)));
            quarantined = quarantinedBy.values().stream().mapToInt(Integer::intValue).sum();
            chain = new AuditLog(database, Clock.systemUTC()).verify(anchor.read());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the drill's store at " + url + ": " + e.getMessage(), e);
        }
    }

    boolean recorded(String messageId) {
        return sent.contains(messageId) && auditedAs.getOrDefault(messageId, Set.of()).contains("SENT");
    }

    boolean undelivered(String messageId) {
        return !sent.contains(messageId) || undelivered.containsKey(messageId);
    }

    boolean stored(String messageId) {
        return received.contains(messageId);
    }

    /** When this node stored the notice, as its own record says. */
    java.util.Optional<java.time.Instant> storedAt(String messageId) {
        return java.util.Optional.ofNullable(receivedAt.get(messageId));
    }

    boolean auditedReceived(String messageId) {
        return auditedAs.getOrDefault(messageId, Set.of()).contains("RECEIVED");
    }

    int quarantined() {
        return quarantined;
    }

    /** Quarantine entries kept from one delivering peer. */
    int quarantinedFrom(String peer) {
        return quarantinedBy.getOrDefault(peer, 0);
    }

    /** Rejections from one delivering peer counted as repeats, not kept. */
    long repeatsFrom(String peer) {
        return repeatsBy.getOrDefault(peer, 0L);
    }

    Optional<String> chainProblem() {
        return chain.intact() ? Optional.empty() : Optional.of(chain.problem());
    }

    private interface Row {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection connection, String sql, Row reader) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }
}
