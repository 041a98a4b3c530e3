package org.regionalexchange.node.api;

/** A body of the REST API (see {@link ApiContract}). */
public record Checkpoint(String node, long seq, String entryHash, String recordedAt, String receivedAt,
        String messageId) {}
