package org.regionalexchange.node.api;

import java.util.List;

/** A body of the REST API (see {@link ApiContract}). */
public record UserBody(String name, List<String> roles, List<String> units) {}
