package org.regionalexchange.node.api;

/** A body of the REST API (see {@link ApiContract}). */
public record Accepted(String messageId, String status, String statusUrl) {}
