package org.regionalexchange.certs;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * A node's certificate that a newer one of the same purpose replaced at a key rotation, and that stays valid for an
 * overlap period: messages sealed for the old encryption certificate, or signed with the old signing key, while the
 * news of the new certificates travels still open. The first CRL published once the overlap has ended lists it,
 * with reason superseded.
 *
 * <p>Kept in the CA's state file {@code ca/revoked.txt} as one line
 * {@code superseded <serial hex> <node> <purpose> <overlap end, epoch millis>}; a state file written before rotation
 * with overlap existed has no such lines and loads as before.
 */
public record SupersededCertificate(BigInteger serial, String nodeId, CertificatePurpose purpose,
        Instant overlapEnds) {

    static final String KEYWORD = "superseded";

    /** Whether the overlap is over at this time, so the certificate belongs on the next CRL. */
    public boolean overlapEndedAt(Instant now) {
        return !now.isBefore(overlapEnds);
    }

    /** The line this record takes in the CA's state file. */
    String stateLine() {
        return KEYWORD + ' ' + serial.toString(16) + ' ' + nodeId + ' ' + purpose.alias() + ' '
                + overlapEnds.toEpochMilli();
    }

    /** The record a state-file line holds, or empty if the line is of another kind. */
    static Optional<SupersededCertificate> fromStateLine(String line) {
        String[] parts = line.split(" ");
        if (parts.length != 5 || !parts[0].equals(KEYWORD)) {
            return Optional.empty();
        }
        return Optional.of(new SupersededCertificate(new BigInteger(parts[1], 16), parts[2],
                CertificatePurpose.fromAlias(parts[3]), Instant.ofEpochMilli(Long.parseLong(parts[4]))));
    }
}
