package org.regionalexchange.node.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A body of the REST API (see {@link ApiContract}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecipientRow(String recipient, String nextHop, String status, String updatedAt, String reasonCode,
        int resends, String lastAttemptAt, String lastError) {}
