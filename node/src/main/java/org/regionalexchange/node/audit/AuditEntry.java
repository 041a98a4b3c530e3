package org.regionalexchange.node.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One link of the chain.
 *
 * @param digest SHA-256 (hex) of the message's wire bytes
 * @param peer the node the message came from or went to
 */
public record AuditEntry(long seq, Instant recordedAt, String messageId, String digest, String peer,
        Decision decision, String previousHash, String entryHash) {

    /** The hash before any entry. */
    public static final String GENESIS = "0".repeat(64);

    /**
     * SHA-256 over the fields, each prefixed with its length so that no two different entries share an encoding
     * (a '|' inside a field cannot shift the boundaries).
     */
    public static String hash(long seq, Instant recordedAt, String messageId, String digest, String peer,
            Decision decision, String previousHash) {
        StringBuilder canonical = new StringBuilder();
        for (String field : new String[] {Long.toString(seq), recordedAt.toString(), messageId, digest, peer,
                decision.name(), previousHash}) {
            canonical.append(field.length()).append(':').append(field).append(';');
        }
        return sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    boolean hashMatches() {
        return entryHash.equals(hash(seq, recordedAt, messageId, digest, peer, decision, previousHash));
    }
}
