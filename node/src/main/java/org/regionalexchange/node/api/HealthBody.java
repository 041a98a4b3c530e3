package org.regionalexchange.node.api;

import java.util.Map;

/** A body of the REST API (see {@link ApiContract}). */
public record HealthBody(String status, String broker, String database, String crl, String crlNextUpdate,
        Map<String, String> peers) {}
