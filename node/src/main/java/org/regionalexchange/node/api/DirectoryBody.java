package org.regionalexchange.node.api;

import java.util.List;

/**
 * A body of the REST API (see {@link ApiContract}): the member directory in force at this node.
 *
 * @param version 0 before the first directory; the node then works from its configured region
 * @param stale past nextUpdate: the hub should have published a newer directory by now
 */
public record DirectoryBody(String node, String hub, long version, String issuedAt, String nextUpdate,
        String appliedAt, boolean stale, List<DirectoryMember> members, CrlSummary crl) {

    /** One member: where its broker listens and its certificates. */
    public record DirectoryMember(String node, String name, String organisation, String host, Integer port,
            boolean inRegion, List<CertificateSummary> certificates) {}

    /** A certificate by purpose, serial and validity; revoked when the CRL in use lists it. */
    public record CertificateSummary(String purpose, String serial, String notAfter, boolean revoked) {}

    /** The CRL the directory carries. */
    public record CrlSummary(String thisUpdate, String nextUpdate, int revoked) {}
}
