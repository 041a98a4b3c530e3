package org.regionalexchange.node.units;

import java.util.List;

/**
 * The TLP 2.0 handling codes of the header's {@code handling}, from the least to the most restrictive, and what each
 * lets a node do with a message (README, "Handling codes"):
 * <ul>
 *   <li>CLEAR and GREEN may be shared on, and go to every local subscriber that wants the kind;
 *   <li>AMBER goes to local subscribers cleared for it (need-to-know);
 *   <li>AMBER+STRICT stays inside the receiving organisation: only its own subscribers cleared for it;
 *   <li>RED goes only to the recipients named in the header: never to a group such as REGIONAL, and to no local
 *       subscriber but one of the organisation explicitly cleared for RED.
 * </ul>
 */
public final class Tlp {

    public static final List<String> CODES = List.of("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED");
    public static final String RED = "RED";
    public static final String AMBER_STRICT = "AMBER+STRICT";

    private Tlp() {}

    /**
     * How restrictive a code is, 0 for CLEAR to 4 for RED; a message without one is taken as AMBER, so nothing
     * unmarked is shared further than need-to-know.
     *
     * @throws IllegalArgumentException for a code that is not TLP 2.0
     */
    public static int rank(String code) {
        if (code == null || code.isEmpty()) {
            return CODES.indexOf("AMBER");
        }
        int rank = CODES.indexOf(code);
        if (rank < 0) {
            throw new IllegalArgumentException("'" + code + "' is not a TLP 2.0 handling code " + CODES);
        }
        return rank;
    }

    public static boolean isCode(String code) {
        return CODES.contains(code);
    }

    /**
     * Whether a message of this code may go to the node's own local systems on the shared dispatch address; a code
     * that is not TLP 2.0 (the schema lets none through) is kept off it, as RED is.
     */
    public static boolean sharedDispatch(String code) {
        if (code == null || code.isEmpty()) {
            return true; // unmarked, taken as AMBER
        }
        return isCode(code) && rank(code) < rank(RED);
    }

    /** Whether only the receiving organisation's own subscribers may have it. */
    public static boolean ownOrganisationOnly(String code) {
        return rank(code) >= rank(AMBER_STRICT);
    }
}
