package org.regionalexchange.node.units;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.regionalexchange.node.store.CustomsUnits.Unit;

/**
 * Which of UZ's units get a message: Alat (UZ-ALAT, cleared AMBER), Yallama (by UN/LOCODE UZYAL, cleared GREEN), a
 * duty desk of UZ's own customs cleared RED, and a border-guard post of another organisation cleared AMBER+STRICT.
 * One test per handling rule.
 */
class UnitRoutingTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    static final Unit ALAT = unit("UZ-ALAT", List.of("UZ-ALAT"), "UZ", "AMBER");
    static final Unit YALLAMA = unit("UZ-YALLAMA", List.of("UZYAL"), "UZ", "GREEN");
    static final Unit DESK = unit("UZ-DESK", List.of("UZ-ALAT", "UZYAL"), "UZ", "RED");
    static final Unit GUARD = unit("UZ-GUARD", List.of("UZ-ALAT"), "UZ-BORDER-GUARD", "AMBER+STRICT");
    static final List<Unit> UNITS = List.of(ALAT, YALLAMA, DESK, GUARD);

    final UnitRouting routing = new UnitRouting("UZ");

    @Test
    void clearAndGreenGoToEveryUnitOfTheCrossingPoint() {
        assertThat(routing.recipients(UNITS, header("GREEN"), warningFor("UZ-ALAT", null)))
                .containsExactly("UZ-ALAT", "UZ-DESK", "UZ-GUARD");
        assertThat(routing.recipients(UNITS, header("CLEAR"), warningFor(null, "UZYAL")))
                .containsExactly("UZ-YALLAMA", "UZ-DESK");
    }

    @Test
    void amberGoesOnlyToUnitsClearedForIt() {
        assertThat(routing.recipients(UNITS, header("AMBER"), warningFor(null, "UZYAL"))).containsExactly("UZ-DESK");
        assertThat(routing.refusal(YALLAMA, header("AMBER"), warningFor(null, "UZYAL")).orElseThrow())
                .isEqualTo("TLP:AMBER is above UZ-YALLAMA's clearance TLP:GREEN");
    }

    @Test
    void amberStrictStaysInsideTheOrganisationEvenForAUnitClearedForIt() {
        assertThat(routing.recipients(UNITS, header("AMBER+STRICT"), warningFor("UZ-ALAT", null)))
                .containsExactly("UZ-DESK");
        assertThat(routing.refusal(GUARD, header("AMBER+STRICT"), warningFor("UZ-ALAT", null)).orElseThrow())
                .isEqualTo("TLP:AMBER+STRICT stays inside UZ; UZ-GUARD belongs to UZ-BORDER-GUARD");
    }

    @Test
    void redGoesOnlyToAUnitOfTheOrganisationExplicitlyClearedForRed() {
        assertThat(routing.recipients(UNITS, header("RED"), warningFor("UZ-ALAT", null))).containsExactly("UZ-DESK");
        assertThat(Tlp.sharedDispatch("RED")).isFalse();
        assertThat(Tlp.sharedDispatch("AMBER+STRICT")).isTrue();
    }

    @Test
    void anUnmarkedMessageIsTakenAsAmberAndAnUnknownCodeGoesNowhere() {
        ObjectNode unmarked = header("GREEN");
        unmarked.remove("handling");
        assertThat(routing.recipients(UNITS, unmarked, warningFor("UZ-ALAT", null)))
                .containsExactly("UZ-ALAT", "UZ-DESK", "UZ-GUARD");
        assertThat(routing.recipients(UNITS, header("WHITE"), warningFor("UZ-ALAT", null))).isEmpty();
        assertThat(Tlp.sharedDispatch("WHITE")).isFalse();
        assertThat(Tlp.sharedDispatch("")).isTrue();
    }

    @Test
    void aUnitGetsOnlyTheKindsItAskedForAndWarningsForItsOwnCrossingPoints() {
        ObjectNode alert = header("GREEN").put("kind", "early-warning");
        assertThat(routing.recipients(UNITS, alert, JSON.createObjectNode())).isEmpty();
        assertThat(routing.refusal(ALAT, header("GREEN"), warningFor("UZ-NAVOI", null)).orElseThrow())
                .isEqualTo("the warning targets UZ-NAVOI (somewhere), not a crossing point of UZ-ALAT [UZ-ALAT]");
        Unit listening = new Unit("UZ-HQ", List.of("UZ-HQ"), List.of("early-warning"), "UZ", "AMBER", "x", AT);
        assertThat(routing.recipients(List.of(listening), alert, JSON.createObjectNode())).containsExactly("UZ-HQ");
    }

    static Unit unit(String name, List<String> crossingPoints, String organisation, String clearance) {
        return new Unit(name, crossingPoints, List.of("pre-arrival-warning"), organisation, clearance, "digest", AT);
    }

    static ObjectNode header(String handling) {
        return JSON.createObjectNode().put("kind", "pre-arrival-warning").put("handling", handling);
    }

    static ObjectNode warningFor(String nodeId, String unLocode) {
        ObjectNode document = JSON.createObjectNode();
        ObjectNode target = document.putObject("targetUnit");
        if (nodeId != null) {
            target.put("nodeId", nodeId);
        }
        ObjectNode place = target.putObject("place").put("name", "somewhere");
        if (unLocode != null) {
            place.put("unLocode", unLocode);
        }
        return document;
    }
}
