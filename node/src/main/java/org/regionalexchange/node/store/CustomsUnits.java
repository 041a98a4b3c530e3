package org.regionalexchange.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The customs port units registered on this node ({@code customs_unit}) and what was put on each one's queue
 * ({@code unit_delivery}).
 */
public final class CustomsUnits {

    private final NodeDatabase database;

    public CustomsUnits(NodeDatabase database) {
        this.database = database;
    }

    /**
     * @param crossingPoints the codes of the crossing points it serves (UN/LOCODE or border-crossing-point ids)
     * @param kinds the document kinds it receives
     * @param clearance the most restrictive TLP code it may receive
     * @param passwordDigest the hex SHA-256 of its broker password
     */
    public record Unit(String name, List<String> crossingPoints, List<String> kinds, String organisation,
            String clearance, String passwordDigest, Instant registeredAt) {

        public Unit {
            crossingPoints = List.copyOf(crossingPoints);
            kinds = List.copyOf(kinds);
        }
    }

    /** One message put on a unit's queue. */
    public record Delivery(String unit, String messageId, Instant dispatchedAt, Instant acknowledgedAt) {}

    /** Registers a unit, or replaces the registration (and password) of one of the same name. */
    public void register(Unit unit) {
        database.write("registering customs unit " + unit.name(), connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM customs_unit WHERE name = ?")) {
                delete.setString(1, unit.name());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO customs_unit (name,"
                    + " crossing_points, kinds, organisation, clearance, password_digest, registered_at)"
                    + " VALUES (?,?,?,?,?,?,?)")) {
                insert.setString(1, unit.name());
                insert.setString(2, String.join(",", unit.crossingPoints()));
                insert.setString(3, String.join(",", unit.kinds()));
                insert.setString(4, unit.organisation());
                insert.setString(5, unit.clearance());
                insert.setString(6, unit.passwordDigest());
                insert.setObject(7, SentMessages.time(unit.registeredAt()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** @return false when there was no such unit */
    public boolean remove(String name) {
        return database.write("removing customs unit " + name, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM customs_unit WHERE name = ?")) {
                delete.setString(1, name);
                return delete.executeUpdate() > 0;
            }
        });
    }

    public List<Unit> list() {
        return units("", null);
    }

    public Optional<Unit> find(String name) {
        return units(" WHERE name = ?", name).stream().findFirst();
    }

    private List<Unit> units(String where, String parameter) {
        List<Unit> found = new ArrayList<>();
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(
                "SELECT name, crossing_points, kinds, organisation, clearance, password_digest, registered_at FROM"
                        + " customs_unit" + where + " ORDER BY name")) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new Unit(rows.getString(1), split(rows.getString(2)), split(rows.getString(3)),
                            rows.getString(4), rows.getString(5), rows.getString(6),
                            rows.getObject(7, OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the customs units", e);
        }
        return found;
    }

    private static List<String> split(String list) {
        return list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
    }

    /** Notes that a message was put on these units' queues; a note already there is kept. */
    public void dispatched(String messageId, List<String> units, Instant at) {
        if (units.isEmpty()) {
            return;
        }
        database.write("noting the dispatch of " + messageId + " to customs units", connection -> {
            for (String unit : units) {
                if (delivery(connection, unit, messageId).isPresent()) {
                    continue;
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO unit_delivery (unit, message_id, dispatched_at) VALUES (?,?,?)")) {
                    insert.setString(1, unit);
                    insert.setString(2, messageId);
                    insert.setObject(3, SentMessages.time(at));
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Notes the unit's first acknowledgement of a message on its queue. */
    public void acknowledged(String unit, String messageId, Instant at) {
        database.write("noting " + unit + "'s acknowledgement of " + messageId, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE unit_delivery SET acknowledged_at = ?"
                    + " WHERE unit = ? AND message_id = ? AND acknowledged_at IS NULL")) {
                update.setObject(1, SentMessages.time(at));
                update.setString(2, unit);
                update.setString(3, messageId);
                update.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Delivery> delivery(String unit, String messageId) {
        try (Connection connection = database.connection()) {
            return delivery(connection, unit, messageId);
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading what customs unit " + unit + " was given", e);
        }
    }

    /** What was put on a unit's queue, newest first. */
    public List<Delivery> deliveries(String unit, int limit) {
        List<Delivery> found = new ArrayList<>();
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(
                "SELECT unit, message_id, dispatched_at, acknowledged_at FROM unit_delivery WHERE unit = ?"
                        + " ORDER BY dispatched_at DESC LIMIT " + Math.max(1, limit))) {
            query.setString(1, unit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(delivery(rows));
                }
            }
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading what customs unit " + unit + " was given", e);
        }
        return found;
    }

    private static Optional<Delivery> delivery(Connection connection, String unit, String messageId)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT unit, message_id, dispatched_at,"
                + " acknowledged_at FROM unit_delivery WHERE unit = ? AND message_id = ?")) {
            query.setString(1, unit);
            query.setString(2, messageId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(delivery(rows)) : Optional.empty();
            }
        }
    }

    private static Delivery delivery(ResultSet rows) throws SQLException {
        OffsetDateTime acknowledged = rows.getObject(4, OffsetDateTime.class);
        return new Delivery(rows.getString(1), rows.getString(2), rows.getObject(3, OffsetDateTime.class).toInstant(),
                acknowledged == null ? null : acknowledged.toInstant());
    }
}
