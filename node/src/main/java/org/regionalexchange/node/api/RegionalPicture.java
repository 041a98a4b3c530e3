package org.regionalexchange.node.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.regionalexchange.node.picture.AlertLifecycle;
import org.regionalexchange.node.picture.ControlGaps;
import org.regionalexchange.node.picture.ControlLists;
import org.regionalexchange.node.picture.SeizureFigures;
import org.regionalexchange.node.picture.SubstanceNames;
import org.regionalexchange.node.store.ReceivedMessages;
import org.regionalexchange.node.store.SightedSubstances;
import org.regionalexchange.schemas.MessageKind;

/**
 * The regional picture over this node's store, as JSON or CSV: seizure figures and the control-gap report (see the
 * picture package). Built from what the node received; CARICC receives every regional notice.
 */
public final class RegionalPicture {

    /** The most stored messages of one kind a computation reads. */
    static final int MAX_MESSAGES = 100_000;

    private final ReceivedMessages received;
    private final SightedSubstances sighted;
    private final Supplier<List<String>> members;
    private final Clock clock;

    /**
     * @param members the region's member countries, without the hub, as they are at the moment of a request (the
     *     member directory in force, so a member that joins gets its column)
     */
    public RegionalPicture(ReceivedMessages received, SightedSubstances sighted, Supplier<List<String>> members,
            Clock clock) {
        this.received = received;
        this.sighted = sighted;
        this.members = members;
        this.clock = clock;
    }

    public String seizures(String groupBy, String from, String to, String sender, String country, String format) {
        SeizureFigures.GroupBy by;
        try {
            by = SeizureFigures.GroupBy.of(groupBy == null ? "substance" : groupBy);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("", "query parameter groupBy: " + e.getMessage());
        }
        List<SeizureFigures.Notice> notices = stored(MessageKind.SEIZURE_NOTICE).stream()
                .map(m -> new SeizureFigures.Notice(m.messageId(), m.sender(), createdAt(m), document(m))).toList();
        List<SeizureFigure> figures = SeizureFigures.figures(notices, new SeizureFigures.Filter(date("from", from),
                date("to", to), sender, country), by).stream().map(f -> new SeizureFigure(f.reportType(), f.key(),
                f.label(), f.measure(), f.notices(), f.total(), f.messageIds())).toList();
        if (!csv(format)) {
            return NodeApi.write(figures);
        }
        StringBuilder out = new StringBuilder("reportType,key,label,measure,notices,total,messageIds\n");
        figures.forEach(f -> row(out, f.reportType(), f.key(), f.label(), f.measure(), String.valueOf(f.notices()),
                number(f.total()), String.join(" ", f.messageIds())));
        return out.toString();
    }

    public String controlGaps(String substances, String missingFor, String format) {
        List<String> members = List.copyOf(this.members.get());
        if (missingFor != null && !members.contains(missingFor)) {
            throw ApiProblem.badRequest("", "query parameter missingFor: '" + missingFor + "' is not one of the"
                    + " members " + members);
        }
        SubstanceNames names = new SubstanceNames();
        List<ControlLists.ListMessage> lists = stored(MessageKind.LIST_ENTRY).stream()
                .map(m -> new ControlLists.ListMessage(m.messageId(), m.sender(), createdAt(m), document(m)))
                .toList();
        Map<String, ControlLists.Controlled> controls = ControlLists.controls(lists, names);
        List<String> wanted = substances == null || substances.isBlank() ? List.of()
                : Arrays.stream(substances.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<ControlGap> gaps = new ArrayList<>();
        for (ControlGaps.Gap gap : ControlGaps.report(controls, names, members, wanted, missingFor)) {
            Map<String, ControlGap.Control> by = new LinkedHashMap<>();
            gap.controlledBy().forEach((member, control) -> by.put(member, new ControlGap.Control(control.table(),
                    control.category(), control.since() == null ? "unknown" : control.since().toString(),
                    control.messageId())));
            gaps.add(new ControlGap(gap.label(), gap.key(), by, gap.listedLast(), gap.notControlledBy()));
        }
        if (!csv(format)) {
            return NodeApi.write(gaps);
        }
        List<String> columns = new ArrayList<>(members);
        gaps.forEach(gap -> gap.controlledBy().keySet().stream().filter(j -> !columns.contains(j))
                .forEach(columns::add));
        StringBuilder out = new StringBuilder("substance,").append(String.join(",", columns))
                .append(",notControlledBy\n");
        for (ControlGap gap : gaps) {
            List<String> cells = new ArrayList<>(List.of(gap.substance()));
            columns.forEach(column -> {
                ControlGap.Control control = gap.controlledBy().get(column);
                cells.add(control == null ? "-" : control.table() + " since " + control.since());
            });
            cells.add(String.join(" ", gap.notControlledBy()));
            row(out, cells.toArray(String[]::new));
        }
        return out.toString();
    }

    /**
     * The early-warning alerts this node received, each at its current version.
     *
     * @param include {@code active} (the default) for only the alerts in force now, {@code all} for expired and
     *     cancelled ones too
     */
    public String alerts(String include) {
        boolean all;
        if (include == null || include.equals("active")) {
            all = false;
        } else if (include.equals("all")) {
            all = true;
        } else {
            throw ApiProblem.badRequest("", "query parameter include: '" + include + "' is not active or all");
        }
        List<ReceivedMessages.Received> arrived = new ArrayList<>(stored(MessageKind.EARLY_WARNING));
        java.util.Collections.reverse(arrived); // the store lists the newest first
        List<AlertLifecycle.Warning> warnings = arrived.stream().map(m -> {
            com.fasterxml.jackson.databind.JsonNode header = NodeApi.parseJson(m.headerJson());
            return new AlertLifecycle.Warning(m.messageId(), m.sender(),
                    Instant.parse(header.path("createdAt").asText()), header.hasNonNull("expiresAt")
                    ? Instant.parse(header.get("expiresAt").asText()) : null, document(m));
        }).toList();
        return NodeApi.write(AlertLifecycle.alerts(warnings, clock.instant()).stream()
                .filter(alert -> all || alert.state() == AlertLifecycle.State.ACTIVE)
                .map(alert -> new AlertItem(alert.alertId(), alert.state().name(), alert.current().sender(),
                        alert.current().messageId(), alert.current().createdAt().toString(),
                        alert.current().expiresAt() == null ? null : alert.current().expiresAt().toString(),
                        alert.versions(), alert.endedBy(), alert.current().document()))
                .toList());
    }

    /**
     * The first sighting of each substance this node has seen (on the hub, with the alert it sent or why it held
     * one back), oldest first.
     *
     * @param status {@code actual} (the default), {@code exercise} or {@code all}
     */
    public String firstSightings(String status, String format) {
        String wanted = status == null ? "actual" : status;
        if (!List.of("actual", "exercise", "all").contains(wanted)) {
            throw ApiProblem.badRequest("", "query parameter status: '" + status + "' is not actual, exercise or"
                    + " all");
        }
        List<FirstSightingItem> items = sighted.sightings().stream()
                .filter(s -> wanted.equals("all") || s.status().equals(wanted))
                .map(s -> new FirstSightingItem(s.preferredName(), s.substance(), s.status(), s.outcome().name(),
                        s.sourceKind(), s.messageId(), s.sender(), s.handling(), s.seenAt().toString(), s.alertId(),
                        s.note()))
                .toList();
        if (!csv(format)) {
            return NodeApi.write(items);
        }
        StringBuilder out = new StringBuilder("substance,key,status,outcome,sourceKind,messageId,sender,handling,"
                + "seenAt,alertId,note\n");
        items.forEach(i -> row(out, i.substance(), i.key(), i.status(), i.outcome(), i.sourceKind(), i.messageId(),
                i.sender(), i.handling(), i.seenAt(), i.alertId(), i.note()));
        return out.toString();
    }

    /** Whether format asks for CSV; JSON otherwise. */
    static boolean csv(String format) {
        if (format == null || format.equals("json")) {
            return false;
        }
        if (format.equals("csv")) {
            return true;
        }
        throw ApiProblem.badRequest("", "query parameter format: '" + format + "' is not json or csv");
    }

    private List<ReceivedMessages.Received> stored(MessageKind kind) {
        return received.list(kind.id(), Instant.EPOCH, clock.instant().plusSeconds(1), MAX_MESSAGES);
    }

    private static Instant createdAt(ReceivedMessages.Received message) {
        return Instant.parse(NodeApi.parseJson(message.headerJson()).path("createdAt").asText());
    }

    private static com.fasterxml.jackson.databind.JsonNode document(ReceivedMessages.Received message) {
        return NodeApi.parseJson(message.documentJson());
    }

    private static LocalDate date(String parameter, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("", "query parameter " + parameter + ": '" + value
                    + "' is not a date such as 2024-01-31");
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value);
    }

    /** One CSV line (RFC 4180): a field with a comma, quote or line break is quoted, quotes doubled. */
    private static void row(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            String field = fields[i] == null ? "" : fields[i];
            if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
                field = "\"" + field.replace("\"", "\"\"") + "\"";
            }
            out.append(i == 0 ? "" : ",").append(field);
        }
        out.append('\n');
    }
}
