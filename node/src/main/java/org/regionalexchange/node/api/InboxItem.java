package org.regionalexchange.node.api;

import com.fasterxml.jackson.databind.JsonNode;

/** A body of the REST API (see {@link ApiContract}). */
public record InboxItem(String messageId, String kind, String sender, String receivedAt, String deliveringPeer,
        JsonNode header, JsonNode document) {}
