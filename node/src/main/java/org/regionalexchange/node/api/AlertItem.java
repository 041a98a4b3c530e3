package org.regionalexchange.node.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A body of the REST API (see {@link ApiContract}): one early-warning alert with its current version.
 *
 * @param state ACTIVE, EXPIRED or CANCELLED
 * @param currentId the messageId of the current version: the alert itself or its latest update
 * @param versions the alert and its updates received
 * @param cancelledBy the cancel's messageId, when cancelled
 * @param current the current version's document
 */
public record AlertItem(String alertId, String state, String sender, String currentId, String createdAt,
        String expiresAt, int versions, String cancelledBy, JsonNode current) {}
