package org.regionalexchange.node.failure;

/**
 * Why a received message was rejected. The codes travel in {@code receipt} documents, so they are part of the
 * shared schema: add, never rename.
 */
public enum RejectReason {
    MALFORMED("the bytes are not a well-formed envelope, CMS structure or {header, document} JSON"),
    NOT_A_RECIPIENT("this node holds no key the envelope was encrypted for"),
    DECRYPT_FAILED("decryption or its integrity check failed: the ciphertext was altered or the key is wrong"),
    BAD_SIGNATURE("the signature does not verify over the signed content"),
    UNTRUSTED_SIGNER("the signer's certificate does not chain to the regional root or is not a signing certificate"),
    CERT_EXPIRED("the signer's certificate was not valid at signing time"),
    CERT_REVOKED("the signer's certificate is on the current revocation list"),
    SENDER_MISMATCH("the signer's node id is not the header's sender"),
    HEADER_MISMATCH("the clear routing header differs from the signed header"),
    EXPIRED("the message expired before it was opened"),
    REPLAY("a different message already arrived under this messageId"),
    SCHEMA_INVALID("the document does not validate against the schema of its kind"),
    NO_ROUTE("this node has no link towards a recipient the envelope was handed to it for"),
    NOT_ADDRESSED("the signed header does not list this node among the recipients, by id or through REGIONAL"),
    UNKNOWN_REFERENCE("an early-warning update or cancellation refers to an alert this node does not know"),
    FOREIGN_REFERENCE("an early-warning update or cancellation refers to an alert another node sent"),
    SIGNED_IN_FUTURE("the signing time is later than now plus the clock tolerance"),
    IMPLAUSIBLE("a value cannot be true: a past event dated in the future, a date before 1900 or too far ahead,"
            + " an amount beyond its bound, an expiry not after creation"),
    UNSUPPORTED_VERSION("the header's schemaVersion is of a MODEL this node does not accept; the receipt names the"
            + " versions it does");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /**
     * Whether the sender is authenticated by the time this check runs, so a signed rejection can go back to it.
     * NOT_ADDRESSED is not: the signature proves who wrote the message, not who sent this copy here (a recipient can
     * re-encrypt what it was given), and answering would make this node send receipts, on a third party's cue, to a
     * node that never addressed it.
     */
    public boolean senderAuthenticated() {
        return switch (this) {
            case HEADER_MISMATCH, EXPIRED, REPLAY, SCHEMA_INVALID, UNKNOWN_REFERENCE, FOREIGN_REFERENCE,
                    SIGNED_IN_FUTURE, IMPLAUSIBLE, UNSUPPORTED_VERSION -> true;
            case NO_ROUTE, NOT_ADDRESSED -> false;
            default -> false;
        };
    }
}
