package org.regionalexchange.node.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.regionalexchange.node.store.NodeDatabase;
import org.regionalexchange.node.store.StoreUnavailableException;

/**
 * Appends to and verifies the audit chain. The chain has one tail, so transactions that append are serialised: within
 * a process by the database's single writer (see {@link #inTransaction}), across processes sharing a database by the
 * primary key on seq, so a concurrent writer that computed the same seq fails and retries on the new tail instead of
 * forking the chain.
 */
public final class AuditLog {

    private final NodeDatabase database;
    private final Clock clock;

    public AuditLog(NodeDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Appends one entry in a transaction of its own. */
    public AuditEntry append(String messageId, String digest, String peer, Decision decision) {
        return inTransaction("appending to the audit log for " + messageId,
                (connection, audit) -> audit.append(messageId, digest, peer, decision));
    }

    /**
     * Runs work that changes the store and appends to the chain as one database transaction, so a record and the
     * entry that vouches for it are durable together or not at all; returns only once they are. Appends are
     * serialised with every other write of the node: the database groups concurrent writers into one commit (see
     * {@link NodeDatabase#inTransaction}), and the chain's tail is read inside that transaction. A concurrent writer
     * in another process that took the same seq makes the work run again on the new tail.
     *
     * @param action what the work does, for the error an operator reads
     */
    public <T> T inTransaction(String action, Work<T> work) {
        try {
            return database.inTransaction(action, true, connection -> work.run(connection,
                    (messageId, digest, peer, decision) -> appendOnce(connection, messageId, digest, peer, decision)));
        } catch (SQLException e) {
            throw new StoreUnavailableException(action + ": " + e.getMessage(), e);
        }
    }

    /** Store changes and audit entries that commit together; see {@link #inTransaction}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection, Appender audit) throws SQLException;
    }

    /** Appends to the chain inside the enclosing {@link Work}'s transaction. */
    @FunctionalInterface
    public interface Appender {
        AuditEntry append(String messageId, String digest, String peer, Decision decision) throws SQLException;
    }

    private AuditEntry appendOnce(Connection connection, String messageId, String digest, String peer,
            Decision decision) throws SQLException {
        long seq = 1;
        String previous = AuditEntry.GENESIS;
        try (PreparedStatement tail = connection.prepareStatement(
                "SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1");
                ResultSet row = tail.executeQuery()) {
            if (row.next()) {
                seq = row.getLong(1) + 1;
                previous = row.getString(2);
            }
        }
        // Microseconds: what both H2 and PostgreSQL store exactly, so the hash recomputes from the row.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String hash = AuditEntry.hash(seq, now, messageId, digest, peer, decision, previous);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log (seq, recorded_at,"
                + " message_id, digest, peer, decision, previous_hash, entry_hash) VALUES (?,?,?,?,?,?,?,?)")) {
            insert.setLong(1, seq);
            insert.setObject(2, now.atOffset(ZoneOffset.UTC));
            insert.setString(3, messageId);
            insert.setString(4, digest);
            insert.setString(5, peer);
            insert.setString(6, decision.name());
            insert.setString(7, previous);
            insert.setString(8, hash);
            insert.executeUpdate();
        }
        return new AuditEntry(seq, now, messageId, digest, peer, decision, previous, hash);
    }

    /** Walks the chain from the first entry and names the first one that was changed, removed or reordered. */
    public AuditReport verify() {
        return verify(Optional.empty());
    }

    /**
     * As {@link #verify()}, and when an anchor is given the chain must still hold the anchored entry with its hash:
     * a chain that ends before it was cut or rolled back, one with another entry there was replaced.
     */
    public AuditReport verify(Optional<AuditAnchor.Head> anchor) {
        return verify(anchor, Optional.empty());
    }

    /**
     * As {@link #verify(Optional)}, and the chain must also hold the entry of the hub's checkpoint with its hash: the
     * hub's copy survives an insider who rolls back both the database and the anchor file.
     */
    public AuditReport verify(Optional<AuditAnchor.Head> anchor, Optional<AuditAnchor.Head> hubCheckpoint) {
        try (Connection connection = database.connection();
                PreparedStatement query = connection.prepareStatement("SELECT seq, recorded_at, message_id, digest,"
                        + " peer, decision, previous_hash, entry_hash FROM audit_log ORDER BY seq");
                ResultSet rows = query.executeQuery()) {
            ChainCheck check = new ChainCheck(anchor, hubCheckpoint);
            while (rows.next()) {
                Optional<AuditReport> broken = check.next(entry(rows));
                if (broken.isPresent()) {
                    return broken.get();
                }
            }
            return check.end();
        } catch (SQLException e) {
            throw new StoreUnavailableException("reading the audit log: " + e.getMessage(), e);
        }
    }

    /** The last entry, by the primary key alone, so that it stays cheap however long the log grows. */
    public Optional<AuditAnchor.Head> head() {
        return oneHead("SELECT seq, entry_hash, recorded_at FROM audit_log ORDER BY seq DESC LIMIT 1");
    }

    /** The entry with this seq, as a head, or empty when the log has none. */
    public Optional<AuditAnchor.Head> headAt(long seq) {
        return oneHead("SELECT seq, entry_hash, recorded_at FROM audit_log WHERE seq = ?", seq);
    }

    /** Up to limit entries after seq, in seq order: what was recorded since a head was taken. */
    public List<AuditEntry> entriesAfter(long seq, int limit) {
        try (Connection connection = database.connection();
                PreparedStatement query = connection.prepareStatement("SELECT seq, recorded_at, message_id, digest,"
                        + " peer, decision, previous_hash, entry_hash FROM audit_log WHERE seq > ? ORDER BY seq"
                        + " LIMIT " + limit)) {
            query.setLong(1, seq);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(entry(rows));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StoreUnavailableException("reading the audit log after entry " + seq + ": " + e.getMessage(), e);
        }
    }

    private Optional<AuditAnchor.Head> oneHead(String sql, long... parameters) {
        try (Connection connection = database.connection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setLong(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new AuditAnchor.Head(row.getLong(1), row.getString(2),
                        row.getObject(3, OffsetDateTime.class).toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("reading the head of the audit log: " + e.getMessage(), e);
        }
    }

    private static AuditEntry entry(ResultSet rows) throws SQLException {
        return new AuditEntry(rows.getLong(1), rows.getObject(2, OffsetDateTime.class).toInstant(),
                rows.getString(3), rows.getString(4), rows.getString(5), Decision.valueOf(rows.getString(6)),
                rows.getString(7), rows.getString(8));
    }
}
