package org.regionalexchange.node.api;

/** A body of the REST API (see {@link ApiContract}). */
public record Liveness(String status) {}
