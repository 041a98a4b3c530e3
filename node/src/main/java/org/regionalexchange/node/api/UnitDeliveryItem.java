package org.regionalexchange.node.api;

/**
 * A body of the REST API (see {@link ApiContract}): a message put on a customs unit's queue.
 *
 * @param acknowledgedAt when the unit acknowledged taking it off its queue; absent while it waits
 */
public record UnitDeliveryItem(String unit, String messageId, String dispatchedAt, String acknowledgedAt) {}
