package org.regionalexchange.node.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A body of the REST API (see {@link ApiContract}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecipientRow(String recipient, String nextHop, String status, String updatedAt, String reasonCode,
        int resends, String lastAttemptAt, String lastError) {

    /** One recipient's row as the store holds its status. */
    static RecipientRow of(org.regionalexchange.node.store.RecipientStatus status) {
        return new RecipientRow(status.recipient(), status.nextHop(),
                status.status().name().toLowerCase(java.util.Locale.ROOT), status.updatedAt().toString(),
                status.reasonCode(), status.resends(), status.lastAttemptAt() == null ? null
                        : status.lastAttemptAt().toString(), status.lastError());
    }
}
