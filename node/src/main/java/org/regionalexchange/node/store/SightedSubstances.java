package org.regionalexchange.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The substances this node has seen, for first-sighting alerts: one {@code first_sighting} row per substance and
 * status, and the look-up keys (InChIKey, normalised names) each was seen under. The caller keeps the working copy
 * in memory and writes here what it learns, a sighting together with its names in one transaction.
 */
public final class SightedSubstances {

    /** The longest look-up key kept; a longer name (a synonym has no length limit) is matched until a restart only. */
    public static final int MAX_LOOK_UP = 500;
    /** The longest note kept; a longer one is cut. */
    static final int MAX_NOTE = 400;

    private final NodeDatabase database;

    public SightedSubstances(NodeDatabase database) {
        this.database = database;
    }

    /** What came of a substance's first sighting. */
    public enum Outcome {
        /** An automatic alert went out. */
        ALERTED,
        /** The notice's handling kept it from an automatic alert; an analyst decides. */
        HELD,
        /** First named by an early-warning alert or the seed list: the region was already warned. */
        KNOWN
    }

    /**
     * @param messageId the message it was first seen in; null for the seed list
     * @param alertId the alert sent for it, when {@code ALERTED}
     * @param note why it was held, or where it came from
     */
    public record Sighting(String status, String substance, String preferredName, String sourceKind,
            String messageId, String sender, String handling, Instant seenAt, Outcome outcome, String alertId,
            String note) {}

    public record Name(String status, String lookUp, String substance) {}

    /** Records a first sighting (when given) and new look-up keys, in one transaction. */
    public void record(Sighting sighting, List<Name> names) {
        database.write("recording the first sighting of " + (sighting == null ? "a substance"
                : sighting.preferredName()), connection -> {
            if (sighting != null) {
                insert(connection, sighting);
            }
            List<Name> kept = names.stream().filter(n -> n.lookUp().length() <= MAX_LOOK_UP).toList();
            if (!kept.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO sighted_name (status, look_up, substance) VALUES (?,?,?)")) {
                    for (Name name : kept) {
                        insert.setString(1, name.status());
                        insert.setString(2, name.lookUp());
                        insert.setString(3, name.substance());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            return null;
        });
    }

    private static void insert(Connection connection, Sighting s) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO first_sighting (status, substance,"
                + " preferred_name, source_kind, message_id, sender, handling, seen_at, outcome, alert_id, note)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
            insert.setString(1, s.status());
            insert.setString(2, s.substance());
            insert.setString(3, s.preferredName());
            insert.setString(4, s.sourceKind());
            insert.setString(5, s.messageId());
            insert.setString(6, s.sender());
            insert.setString(7, s.handling());
            insert.setObject(8, SentMessages.time(s.seenAt()));
            insert.setString(9, s.outcome().name());
            insert.setString(10, s.alertId());
            insert.setString(11, s.note() == null || s.note().length() <= MAX_NOTE ? s.note()
                    : s.note().substring(0, MAX_NOTE - 3) + "...");
            insert.executeUpdate();
        }
    }

    /** Every first sighting, oldest first. */
    public List<Sighting> sightings() {
        List<Sighting> found = new ArrayList<>();
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(
                "SELECT status, substance, preferred_name, source_kind, message_id, sender, handling, seen_at,"
                        + " outcome, alert_id, note FROM first_sighting ORDER BY seen_at, substance");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                found.add(new Sighting(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getString(6), rows.getString(7),
                        rows.getObject(8, OffsetDateTime.class).toInstant(), Outcome.valueOf(rows.getString(9)),
                        rows.getString(10), rows.getString(11)));
            }
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the first sightings", e);
        }
        return found;
    }

    /** Every look-up key kept. */
    public List<Name> names() {
        List<Name> found = new ArrayList<>();
        try (Connection connection = database.connection(); PreparedStatement query = connection.prepareStatement(
                "SELECT status, look_up, substance FROM sighted_name"); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                found.add(new Name(rows.getString(1), rows.getString(2), rows.getString(3)));
            }
        } catch (SQLException e) {
            throw NodeDatabase.failure("reading the names of sighted substances", e);
        }
        return found;
    }
}
