package org.regionalexchange.node.audit;

/** The anchor file could not be read or written; the message names the file and what to do. */
public final class AuditAnchorException extends RuntimeException {

    public AuditAnchorException(String message, Throwable cause) {
        super(message, cause);
    }
}
