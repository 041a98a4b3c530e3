package org.regionalexchange.node.picture;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Seizure figures from seizure notices: per reportType (single seizures and aggregated totals are never added
 * together, since a year's national total may already contain the single seizures), per group (substance, substance
 * group, country of seizure or month) and per measure: masses in grams, volumes in millilitres, and each counted
 * unit (tablets, vials, ...) on its own, never summed with a mass. A notice that another notice of the same sender
 * corrects is not counted; of several corrections of one notice only the latest (by creation time) is.
 */
public final class SeizureFigures {

    /** How figures are grouped. */
    public enum GroupBy {
        SUBSTANCE, GROUP, COUNTRY, MONTH;

        /** @throws IllegalArgumentException naming the choices */
        public static GroupBy of(String text) {
            for (GroupBy by : values()) {
                if (by.name().equalsIgnoreCase(text)) {
                    return by;
                }
            }
            throw new IllegalArgumentException("groupBy '" + text + "' is not one of substance, group, country,"
                    + " month");
        }
    }

    /** One stored seizure notice: its id, sender, creation time and document. */
    public record Notice(String messageId, String sender, Instant createdAt, JsonNode document) {}

    /**
     * Which notices count: seizure dates from and to (inclusive, either may be null), and a sender and a country of
     * seizure when not null.
     */
    public record Filter(LocalDate from, LocalDate to, String sender, String country) {

        public static final Filter ALL = new Filter(null, null, null, null);

        boolean admits(Notice notice) {
            JsonNode document = notice.document();
            LocalDate date = LocalDate.parse(document.path("seizureDate").asText());
            return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to))
                    && (sender == null || sender.equals(notice.sender()))
                    && (country == null || country.equals(document.path("countryOfSeizure").asText()));
        }
    }

    /**
     * One figure.
     *
     * @param reportType single or aggregated
     * @param key the group's key (a substance key, an EWA group, a country code or a month yyyy-MM)
     * @param label what to show for it: the substance's preferred name, else the key
     * @param measure g, mL, or the counted unit
     * @param notices how many notices the total comes from
     * @param total the sum in the measure
     * @param messageIds the notices behind it, oldest first
     */
    public record Figure(String reportType, String key, String label, String measure, int notices, double total,
            List<String> messageIds) {}

    /** Grams per mass unit and millilitres per volume unit of the defs schemas; anything else is counted. */
    private static final Map<String, double[]> BASE = Map.of(
            "ug", new double[] {1e-6, 0}, "mg", new double[] {1e-3, 0}, "g", new double[] {1, 0},
            "kg", new double[] {1e3, 0}, "t", new double[] {1e6, 0},
            "uL", new double[] {1e-3, 1}, "mL", new double[] {1, 1}, "L", new double[] {1e3, 1});

    private SeizureFigures() {}

    /** The notices that count: those no later notice of their sender corrects. */
    public static List<Notice> current(List<Notice> notices) {
        Map<String, Notice> byId = new HashMap<>();
        notices.forEach(notice -> byId.put(notice.messageId(), notice));
        Map<String, Notice> latestCorrection = new HashMap<>();
        Set<String> corrected = new java.util.HashSet<>();
        for (Notice notice : notices) {
            String original = corrects(notice);
            if (original == null) {
                continue;
            }
            Notice target = byId.get(original);
            if (target != null && !target.sender().equals(notice.sender())) {
                continue; // only a sender corrects its own notice
            }
            corrected.add(original);
            latestCorrection.merge(original, notice, (one, other) ->
                    one.createdAt().compareTo(other.createdAt()) >= 0 ? one : other);
        }
        List<Notice> current = new ArrayList<>();
        for (Notice notice : notices) {
            String original = corrects(notice);
            boolean superseded = corrected.contains(notice.messageId())
                    || (original != null && latestCorrection.get(original) != notice
                    && latestCorrection.containsKey(original));
            if (!superseded) {
                current.add(notice);
            }
        }
        return current;
    }

    /** The figures of the current notices the filter admits, sorted by reportType, key and measure. */
    public static List<Figure> figures(List<Notice> notices, Filter filter, GroupBy groupBy) {
        SubstanceNames names = new SubstanceNames();
        record Cell(String reportType, String key, String measure) {}
        Map<Cell, double[]> totals = new TreeMap<>(Comparator.comparing(Cell::reportType)
                .thenComparing(Cell::key).thenComparing(Cell::measure));
        Map<Cell, Set<String>> ids = new HashMap<>();
        List<Notice> counted = current(notices).stream().filter(filter::admits)
                .sorted(Comparator.comparing(Notice::createdAt)).toList();
        for (Notice notice : counted) {
            JsonNode document = notice.document();
            String reportType = document.path("reportType").asText("single");
            for (JsonNode item : document.path("items")) {
                JsonNode quantity = item.path("quantity");
                String unit = quantity.path("unit").asText();
                double[] base = BASE.get(unit);
                String measure = base == null ? unit : base[1] == 0 ? "g" : "mL";
                double amount = quantity.path("value").asDouble() * (base == null ? 1 : base[0]);
                Cell cell = new Cell(reportType, key(groupBy, notice, item, names), measure);
                totals.computeIfAbsent(cell, c -> new double[1])[0] += amount;
                ids.computeIfAbsent(cell, c -> new LinkedHashSet<>()).add(notice.messageId());
            }
        }
        List<Figure> figures = new ArrayList<>();
        totals.forEach((cell, total) -> figures.add(new Figure(cell.reportType(), cell.key(),
                groupBy == GroupBy.SUBSTANCE ? names.label(cell.key()) : cell.key(), cell.measure(),
                ids.get(cell).size(), total[0], List.copyOf(ids.get(cell)))));
        return figures;
    }

    private static String key(GroupBy groupBy, Notice notice, JsonNode item, SubstanceNames names) {
        return switch (groupBy) {
            case SUBSTANCE -> names.key(item.path("substance"));
            case GROUP -> item.path("substance").path("ewaGroup").asText("unknown");
            case COUNTRY -> notice.document().path("countryOfSeizure").asText();
            case MONTH -> notice.document().path("seizureDate").asText().substring(0, 7);
        };
    }

    /** The notice a notice corrects, as its signed document names it (1-1-0; a 1-0-0 notice cannot say). */
    private static String corrects(Notice notice) {
        String named = notice.document().path("corrects").path("messageId").asText("");
        return named.isEmpty() ? null : named;
    }
}
