package org.regionalexchange.node.api;

import java.util.List;

/**
 * A body of the REST API (see {@link ApiContract}): a customs unit to register.
 *
 * @param name its id, e.g. UZ-ALAT
 * @param crossingPoints the crossing points it serves: UN/LOCODE or border-crossing-point ids
 * @param kinds the kinds it receives (default pre-arrival-warning)
 * @param organisation default this node's organisation
 * @param clearance the most restrictive TLP code it may receive (default AMBER)
 */
public record NewUnit(String name, List<String> crossingPoints, List<String> kinds, String organisation,
        String clearance) {}
