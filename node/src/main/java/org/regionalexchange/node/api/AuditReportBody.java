package org.regionalexchange.node.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A body of the REST API (see {@link ApiContract}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditReportBody(boolean intact, long entriesChecked, String report, Long firstBrokenEntry,
        Long anchoredSeq, Long checkpointSeq) {}
