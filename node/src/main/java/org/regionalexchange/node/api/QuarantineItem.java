package org.regionalexchange.node.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.regionalexchange.node.store.QuarantineStore;

/** A quarantine entry without its bytes: {@code GET /api/v1/quarantine/{id}/raw} returns those. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuarantineItem(long id, String receivedAt, String deliveringPeer, String reasonCode, String detail,
        String messageId, String sender, long size, String sha256) {

    /** The listing's view of a stored entry, the same for the node's Java callers and the REST listing. */
    static QuarantineItem of(QuarantineStore.Summary entry) {
        return new QuarantineItem(entry.id(), entry.receivedAt().toString(), entry.deliveringPeer(),
                entry.reasonCode(), entry.detail(), entry.messageId(), entry.sender(), entry.sizeBytes(),
                entry.sha256());
    }
}
