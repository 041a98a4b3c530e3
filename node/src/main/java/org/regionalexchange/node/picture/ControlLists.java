package org.regionalexchange.node.picture;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which member controls which substance, from the list-entry messages members sent: each jurisdiction's messages in
 * order of effective date (then creation time); a baseline replaces the jurisdiction's whole list, so what it omits
 * is no longer controlled; an amendment adds, removes, moves (keeping since when) and renames (the previous name's
 * entry carries over) entries; a threshold change adds the entry when it was not known yet.
 */
public final class ControlLists {

    /** One stored list-entry message. */
    public record ListMessage(String messageId, String sender, Instant createdAt, JsonNode document) {}

    /**
     * How one jurisdiction controls one substance.
     *
     * @param since the date the substance is controlled from, when known: the entry's controlledSince, else the
     *     effective date of the amendment that added it; null for a baseline entry that does not say
     * @param messageId the list message that last set it
     */
    public record Control(String table, String category, LocalDate since, String messageId) {}

    /** One substance: the jurisdictions that control it. */
    public record Controlled(String key, String label, Map<String, Control> controlledBy) {}

    private ControlLists() {}

    /** Every substance some jurisdiction controls, by key, with who controls it. */
    public static Map<String, Controlled> controls(List<ListMessage> messages, SubstanceNames names) {
        Map<String, List<ListMessage>> byJurisdiction = new TreeMap<>();
        messages.forEach(message -> byJurisdiction.computeIfAbsent(
                message.document().path("act").path("jurisdiction").asText(), j -> new ArrayList<>()).add(message));
        Map<String, Map<String, Control>> lists = new TreeMap<>();
        byJurisdiction.forEach((jurisdiction, ordered) -> {
            ordered.sort(Comparator.comparing((ListMessage m) -> m.document().path("effectiveDate").asText())
                    .thenComparing(ListMessage::createdAt));
            Map<String, Control> list = new LinkedHashMap<>();
            ordered.forEach(message -> apply(message, list, names));
            lists.put(jurisdiction, list);
        });
        Map<String, Controlled> controlled = new TreeMap<>();
        lists.forEach((jurisdiction, list) -> list.forEach((key, control) -> controlled.computeIfAbsent(key,
                k -> new Controlled(k, names.label(k), new TreeMap<>())).controlledBy().put(jurisdiction, control)));
        return controlled;
    }

    private static void apply(ListMessage message, Map<String, Control> list, SubstanceNames names) {
        JsonNode document = message.document();
        LocalDate effective = LocalDate.parse(document.path("effectiveDate").asText());
        boolean baseline = "baseline".equals(document.path("listScope").asText());
        Map<String, Control> before = new LinkedHashMap<>(list);
        if (baseline) {
            list.clear();
        }
        for (JsonNode entry : document.path("entries")) {
            String key = names.key(entry.path("substance"));
            LocalDate stated = entry.hasNonNull("controlledSince")
                    ? LocalDate.parse(entry.get("controlledSince").asText()) : null;
            String table = entry.path("table").asText();
            String category = entry.path("category").asText();
            switch (entry.path("changeType").asText()) {
                case "removed" -> list.remove(key);
                case "renamed" -> {
                    String previous = entry.path("previousName").asText("");
                    Control old = previous.isEmpty() ? null : list.remove(previousKey(previous, names));
                    list.put(key, new Control(table, category, since(stated, old, effective), message.messageId()));
                }
                case "listed" -> {
                    Control old = before.get(key);
                    list.put(key, new Control(table, category, stated != null ? stated
                            : old != null ? old.since() : null, message.messageId()));
                }
                default -> { // added, movedTable, thresholdChanged
                    Control old = list.get(key);
                    list.put(key, new Control(table, category, since(stated, old, effective), message.messageId()));
                }
            }
        }
    }

    /** Since when: as stated, else as already known, else from this change's effective date. */
    private static LocalDate since(LocalDate stated, Control old, LocalDate effective) {
        return stated != null ? stated : old != null && old.since() != null ? old.since() : effective;
    }

    private static String previousKey(String previousName, SubstanceNames names) {
        return names.find(previousName).orElse(SubstanceNames.normalise(previousName));
    }
}
