package org.regionalexchange.node.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A quarantine entry without its bytes: {@code GET /api/v1/quarantine/{id}/raw} returns those. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuarantineItem(long id, String receivedAt, String deliveringPeer, String reasonCode, String detail,
        String messageId, String sender, long size, String sha256) {}
