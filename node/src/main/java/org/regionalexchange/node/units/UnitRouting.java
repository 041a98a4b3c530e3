package org.regionalexchange.node.units;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.regionalexchange.node.store.CustomsUnits.Unit;

/**
 * Which registered customs units get a received message on their queues: a unit gets the kinds it asked for; a
 * pre-arrival warning only when it targets one of the unit's crossing points (the target's nodeId, its place's
 * border-crossing-point id or UN/LOCODE); and only as far as the message's handling code lets it ({@link Tlp}).
 */
public final class UnitRouting {

    public static final String PRE_ARRIVAL_WARNING = "pre-arrival-warning";

    private final String organisation;

    /** @param organisation this node's organisation: AMBER+STRICT and RED stay within it */
    public UnitRouting(String organisation) {
        this.organisation = organisation;
    }

    /** The units, among those registered, that get this message. */
    public List<String> recipients(List<Unit> units, JsonNode header, JsonNode document) {
        return units.stream().filter(unit -> refusal(unit, header, document).isEmpty()).map(Unit::name).toList();
    }

    /** Why a unit does not get a message, or empty when it does. */
    public Optional<String> refusal(Unit unit, JsonNode header, JsonNode document) {
        String kind = header.path("kind").asText();
        if (!unit.kinds().contains(kind)) {
            return Optional.of(unit.name() + " does not receive " + kind);
        }
        if (kind.equals(PRE_ARRIVAL_WARNING) && !targets(unit, document)) {
            return Optional.of("the warning targets " + target(document) + ", not a crossing point of " + unit.name()
                    + " " + unit.crossingPoints());
        }
        String handling = header.path("handling").asText("");
        int rank;
        try {
            rank = Tlp.rank(handling);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (rank > Tlp.rank(unit.clearance())) {
            return Optional.of("TLP:" + handling + " is above " + unit.name() + "'s clearance TLP:"
                    + unit.clearance());
        }
        if (Tlp.ownOrganisationOnly(handling) && !unit.organisation().equals(organisation)) {
            return Optional.of("TLP:" + handling + " stays inside " + organisation + "; " + unit.name() + " belongs to "
                    + unit.organisation());
        }
        return Optional.empty();
    }

    /** Whether a pre-arrival warning's target is one of the unit's crossing points, or the unit itself. */
    static boolean targets(Unit unit, JsonNode document) {
        JsonNode target = document.path("targetUnit");
        String nodeId = target.path("nodeId").asText("");
        if (nodeId.equals(unit.name()) || unit.crossingPoints().contains(nodeId)) {
            return true;
        }
        JsonNode place = target.path("place");
        return List.of(place.path("borderCrossingPointId").asText(""), place.path("unLocode").asText(""))
                .stream().anyMatch(code -> !code.isEmpty() && unit.crossingPoints().contains(code));
    }

    private static String target(JsonNode document) {
        JsonNode target = document.path("targetUnit");
        String name = target.path("place").path("name").asText("");
        String id = target.path("nodeId").asText(target.path("place").path("borderCrossingPointId").asText("?"));
        return name.isEmpty() ? id : id + " (" + name + ")";
    }
}
