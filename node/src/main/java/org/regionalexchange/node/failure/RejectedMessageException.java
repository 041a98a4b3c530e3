package org.regionalexchange.node.failure;

import java.util.Optional;

/**
 * A message that must not be accepted, with the reason code and, when known, its messageId and the sender that the
 * signature proved. Permanent: the message goes to quarantine, it is never retried.
 */
public final class RejectedMessageException extends RuntimeException {

    private final RejectReason reason;
    private final String messageId;
    private final String authenticatedSender;

    public RejectedMessageException(RejectReason reason, String messageId, String message) {
        this(reason, messageId, null, message, null);
    }

    public RejectedMessageException(RejectReason reason, String messageId, String message, Throwable cause) {
        this(reason, messageId, null, message, cause);
    }

    public RejectedMessageException(RejectReason reason, String messageId, String authenticatedSender,
            String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
        this.messageId = messageId;
        this.authenticatedSender = authenticatedSender;
    }

    public RejectReason reason() {
        return reason;
    }

    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** The node the signature proved sent this message; present only for reasons checked after verification. */
    public Optional<String> authenticatedSender() {
        return Optional.ofNullable(authenticatedSender);
    }
}
