package org.regionalexchange.node.api;

import java.util.List;

/**
 * A body of the REST API (see {@link ApiContract}): a customs unit registered on this node.
 *
 * @param queue the durable queue it reads over AMQP 1.0 or the core protocol on the node's local port
 * @param clearance the most restrictive TLP code it may receive
 * @param password only in the answer to its registration, once
 */
public record UnitBody(String name, List<String> crossingPoints, List<String> kinds, String organisation,
        String clearance, String queue, String registeredAt, String password) {}
