package org.regionalexchange.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.regionalexchange.schemas.SchemaVersion;

/**
 * The schema versions each member declared it accepts, per kind: learned from the {@code supports} of its receipts,
 * kept in {@code member_schema} so they outlive a restart, and read from memory. A receipt that repeats what is
 * already known writes nothing, so the store sees a write only when a member upgrades (or is first heard from).
 */
public final class MemberSchemas {

    private final NodeDatabase database;
    private final Map<String, Map<String, List<String>>> declared = new ConcurrentHashMap<>();

    private MemberSchemas(NodeDatabase database) {
        this.database = database;
    }

    /** Reads every declaration kept so far. */
    public static MemberSchemas load(NodeDatabase database) {
        MemberSchemas schemas = new MemberSchemas(database);
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(
                "SELECT node_id, kind, versions FROM member_schema"); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                schemas.declared.computeIfAbsent(rows.getString(1), id -> new TreeMap<>())
                        .put(rows.getString(2), List.of(rows.getString(3).split(",")));
            }
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the schema versions members declared", e);
        }
        schemas.declared.replaceAll((id, kinds) -> Map.copyOf(kinds));
        return schemas;
    }

    /** What a member declared, kind id to ascending versions; empty when it has declared nothing yet. */
    public Optional<Map<String, List<String>>> declared(String nodeId) {
        return Optional.ofNullable(declared.get(nodeId));
    }

    /** Every member's declaration, by node id. */
    public Map<String, Map<String, List<String>>> all() {
        return new TreeMap<>(declared);
    }

    /**
     * Records a member's declaration, replacing the one before; writes only when it differs from what is known.
     *
     * @param supports kind id to versions, as the receipt carried them
     */
    public void declare(String nodeId, Map<String, List<String>> supports, Instant at) {
        Map<String, List<String>> sorted = new TreeMap<>();
        supports.forEach((kind, versions) -> sorted.put(kind, versions.stream().distinct()
                .sorted(java.util.Comparator.comparing(SchemaVersion::parse)).toList()));
        Map<String, List<String>> now = Map.copyOf(sorted);
        if (now.equals(declared.get(nodeId))) {
            return;
        }
        database.write("keeping the schema versions " + nodeId + " declared", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM member_schema WHERE node_id = ?")) {
                delete.setString(1, nodeId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO member_schema (node_id, kind, versions, declared_at) VALUES (?,?,?,?)")) {
                for (Map.Entry<String, List<String>> kind : sorted.entrySet()) {
                    insert.setString(1, nodeId);
                    insert.setString(2, kind.getKey());
                    insert.setString(3, String.join(",", kind.getValue()));
                    insert.setObject(4, SentMessages.time(at));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        declared.put(nodeId, now);
    }
}
