package org.regionalexchange.node.api;

/**
 * A body of the REST API (see {@link ApiContract}): the first sighting of one substance.
 *
 * @param substance its preferred name as first seen
 * @param key the key it is matched by
 * @param status actual or exercise: drills are kept apart
 * @param outcome ALERTED (alertId went to the region), HELD (the notice's handling kept it from an automatic alert;
 *     note says why) or KNOWN (first named by an alert or the seed list)
 * @param sourceKind the kind of message it was first seen in, or seed
 * @param messageId that message, when not the seed list
 */
public record FirstSightingItem(String substance, String key, String status, String outcome, String sourceKind,
        String messageId, String sender, String handling, String seenAt, String alertId, String note) {}
