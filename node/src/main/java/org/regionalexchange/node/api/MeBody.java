package org.regionalexchange.node.api;

import java.util.List;

/**
 * A body of the REST API (see {@link ApiContract}): who the signed-in user is on this node.
 *
 * @param units the crossing points a customs-unit user works at
 */
public record MeBody(String name, List<String> roles, List<String> units, String node, String hub) {}
