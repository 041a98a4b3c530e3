package org.regionalexchange.node.api;

/** A body of the REST API (see {@link ApiContract}). */
public record ActionDone(String action, String target, String by) {}
