package org.regionalexchange.node.api;

import java.util.List;
import java.util.Map;

/**
 * A body of the REST API (see {@link ApiContract}).
 *
 * @param schemas the schema versions this node accepts, kind to versions (schemas/README.md, "Versions")
 * @param certificates its own tls, signing and encryption certificates and the regional root, by name
 */
public record HealthBody(String status, String broker, String database, String crl, String crlNextUpdate,
        Map<String, LinkBody> peers, Map<String, List<String>> schemas, Map<String, CertificateBody> certificates,
        DirectoryStateBody directory) {

    /**
     * The member directory in force: NONE before the first, CURRENT, or STALE past the nextUpdate its hub promised
     * (check the link to the hub and the hub's log).
     */
    public record DirectoryStateBody(String state, long version, String nextUpdate) {}

    /**
     * One certificate the node depends on: OK, EXPIRING (within node.pki.expiry-warning: renew it now) or EXPIRED.
     */
    public record CertificateBody(String expiry, String notAfter, long daysLeft) {}


    /**
     * One peer's link: UP, DEGRADED or DOWN from real hand-overs and heartbeats; null instants when none happened
     * since the node started.
     */
    public record LinkBody(String state, String lastHandOver, String lastSuccess, long outboxDepth,
            double oldestWaitingSeconds) {}
}
