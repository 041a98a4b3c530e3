package org.regionalexchange.node.picture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control-gap report: for each substance, which members control it (table, since when) and which do not, the
 * neighbours of the member that listed it most recently first, since that is where trafficking moves once one country
 * closes its door. A member's own view keeps only what a neighbour controls and the member does not.
 */
public final class ControlGaps {

    /** Land borders between members, by ISO 3166 code. */
    static final Map<String, List<String>> NEIGHBOURS = Map.of(
            "KZ", List.of("KG", "UZ", "TM", "RU"),
            "KG", List.of("KZ", "UZ", "TJ"),
            "TJ", List.of("KG", "UZ"),
            "TM", List.of("KZ", "UZ"),
            "UZ", List.of("KZ", "KG", "TJ", "TM"),
            "AZ", List.of("RU"),
            "RU", List.of("KZ", "AZ"));

    /**
     * One row.
     *
     * @param listedLast the member whose control of it started last (the newest since), null when nobody controls it
     * @param notControlledBy the members without it, neighbours of listedLast first, then by id
     */
    public record Gap(String key, String label, Map<String, ControlLists.Control> controlledBy, String listedLast,
            List<String> notControlledBy) {}

    private ControlGaps() {}

    /** The neighbours of a member among the members. */
    public static List<String> neighbours(String member) {
        return NEIGHBOURS.getOrDefault(member, List.of());
    }

    /**
     * @param members the region's member countries (the hub is not one)
     * @param substances names to report on (found through their synonyms too); empty for every substance listed
     * @param missingFor a member whose own view is wanted, or null
     */
    public static List<Gap> report(Map<String, ControlLists.Controlled> controls, SubstanceNames names,
            List<String> members, List<String> substances, String missingFor) {
        List<Gap> gaps = new ArrayList<>();
        if (substances.isEmpty()) {
            controls.values().forEach(controlled -> gaps.add(gap(controlled, members)));
        } else {
            for (String name : substances) {
                Optional<String> key = names.find(name);
                ControlLists.Controlled controlled = key.map(controls::get).orElse(null);
                gaps.add(gap(controlled != null ? controlled : new ControlLists.Controlled(
                        key.orElse(SubstanceNames.normalise(name)), name, Map.of()), members));
            }
        }
        if (missingFor == null) {
            return gaps;
        }
        return gaps.stream().filter(gap -> !gap.controlledBy().containsKey(missingFor)
                && neighbours(missingFor).stream().anyMatch(gap.controlledBy()::containsKey)).toList();
    }

    private static Gap gap(ControlLists.Controlled controlled, List<String> members) {
        String listedLast = controlled.controlledBy().entrySet().stream()
                .filter(entry -> entry.getValue().since() != null)
                .max(Map.Entry.comparingByValue(Comparator.comparing(ControlLists.Control::since)))
                .map(Map.Entry::getKey)
                .orElse(controlled.controlledBy().keySet().stream().findFirst().orElse(null));
        List<String> first = listedLast == null ? List.of() : neighbours(listedLast);
        List<String> without = members.stream().filter(member -> !controlled.controlledBy().containsKey(member))
                .sorted(Comparator.comparing((String member) -> !first.contains(member))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        return new Gap(controlled.key(), controlled.label(), controlled.controlledBy(), listedLast, without);
    }
}
