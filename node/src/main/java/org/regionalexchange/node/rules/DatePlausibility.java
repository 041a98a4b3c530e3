package org.regionalexchange.node.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.schemas.MessageKind;

/**
 * Dates that cannot be true. A past event (a seizure, a first detection, reported harms, an act's adoption, an
 * inspection, a report, a receipt, an audit entry, the message's own creation) may not lie after now plus the clock
 * tolerance; a date that may lie ahead (a law's effective date, an expected arrival or dispatch, expiresAt) may not
 * lie more than {@link #HORIZON_YEARS} years ahead; no date lies before {@link #FLOOR}. A calendar date has begun
 * once it has begun anywhere (UTC+14), since the sender's day may be ahead of UTC.
 */
final class DatePlausibility {

    static final LocalDate FLOOR = LocalDate.of(1900, 1, 1);
    static final int HORIZON_YEARS = 10;
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    private record DateField(FieldPath path, boolean pastEvent) {}

    /** Two dates of one document that must come in this order. */
    private record Order(String earlier, String later) {}

    /** A date or date-time as a calendar date and the moment it began. */
    private record When(LocalDate date, Instant begins) {}

    private static final List<DateField> HEADER = List.of(past("/createdAt"), ahead("/expiresAt"));
    private static final Map<MessageKind, List<DateField>> DOCUMENT = Map.of(
            MessageKind.SEIZURE_NOTICE, List.of(past("/seizureDate")),
            MessageKind.LIST_ENTRY, List.of(past("/act/date"), past("/amendsAct/date"), ahead("/effectiveDate"),
                    ahead("/thresholds/*/validFrom")),
            MessageKind.EARLY_WARNING, List.of(past("/firstDetection/date"), past("/harms/from"), past("/harms/to")),
            MessageKind.PRE_ARRIVAL_WARNING, List.of(ahead("/expectedArrival/estimated"),
                    ahead("/precursorShipment/expectedDispatch")),
            MessageKind.OUTCOME_REPORT, List.of(past("/inspectedAt"), past("/reportedAt")),
            MessageKind.RECEIPT, List.of(past("/receivedAt")),
            MessageKind.AUDIT_CHECKPOINT, List.of(past("/recordedAt")));
    private static final Map<MessageKind, List<Order>> ORDERS = Map.of(
            MessageKind.EARLY_WARNING, List.of(new Order("/harms/from", "/harms/to")),
            MessageKind.OUTCOME_REPORT, List.of(new Order("/inspectedAt", "/reportedAt")));

    private final Instant latestPast;
    private final Instant horizon;
    private final Duration tolerance;

    DatePlausibility(Instant now, Duration tolerance) {
        this.tolerance = tolerance;
        this.latestPast = now.plus(tolerance);
        this.horizon = now.atOffset(ZoneOffset.UTC).plusYears(HORIZON_YEARS).toInstant();
    }

    List<RuleViolation> check(MessageKind kind, JsonNode header, JsonNode document) {
        List<RuleViolation> found = new ArrayList<>();
        HEADER.forEach(field -> check(field, header, "/header", found));
        DOCUMENT.getOrDefault(kind, List.of()).forEach(field -> check(field, document, "/document", found));
        order(header, "/header", new Order("/createdAt", "/expiresAt"), true, found);
        ORDERS.getOrDefault(kind, List.of()).forEach(order -> order(document, "/document", order, false, found));
        return found;
    }

    private void check(DateField field, JsonNode root, String prefix, List<RuleViolation> found) {
        for (FieldPath.Found value : field.path().in(root, prefix)) {
            When when = when(value.value().asText());
            if (when == null) {
                found.add(implausible(value.pointer(), "'" + value.value().asText() + "' cannot be read as a date"));
            } else if (when.date().isBefore(FLOOR)) {
                found.add(implausible(value.pointer(), value.value().asText() + " is before " + FLOOR));
            } else if (field.pastEvent() && when.begins().isAfter(latestPast)) {
                found.add(implausible(value.pointer(), value.value().asText() + " dates a past event after now"
                        + " plus the clock tolerance of " + tolerance));
            } else if (when.begins().isAfter(horizon)) {
                found.add(implausible(value.pointer(), value.value().asText() + " is more than " + HORIZON_YEARS
                        + " years ahead"));
            }
        }
    }

    private static void order(JsonNode root, String prefix, Order order, boolean strictly, List<RuleViolation> found) {
        List<FieldPath.Found> earlier = new FieldPath(order.earlier()).in(root, prefix);
        List<FieldPath.Found> later = new FieldPath(order.later()).in(root, prefix);
        if (earlier.size() != 1 || later.size() != 1) {
            return;
        }
        When first = when(earlier.get(0).value().asText());
        When second = when(later.get(0).value().asText());
        if (first != null && second != null && (second.begins().isBefore(first.begins())
                || strictly && second.begins().equals(first.begins()))) {
            found.add(implausible(later.get(0).pointer(), later.get(0).value().asText() + (strictly ? " is not after " : " is before ")
                    + earlier.get(0).pointer() + " " + earlier.get(0).value().asText()));
        }
    }

    private static When when(String text) {
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return new When(date, date.atStartOfDay(EARLIEST_ZONE).toInstant());
            }
            OffsetDateTime time = OffsetDateTime.parse(text.toUpperCase(Locale.ROOT));
            return new When(time.toLocalDate(), time.toInstant());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static RuleViolation implausible(String pointer, String message) {
        return RuleViolation.of(RejectReason.IMPLAUSIBLE, pointer, message);
    }

    private static DateField past(String path) {
        return new DateField(new FieldPath(path), true);
    }

    private static DateField ahead(String path) {
        return new DateField(new FieldPath(path), false);
    }
}
