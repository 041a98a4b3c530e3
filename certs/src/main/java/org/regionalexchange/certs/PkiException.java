package org.regionalexchange.certs;

/** A PKI operation that failed; the message says what and, where it can, what the operator should do. */
public final class PkiException extends RuntimeException {

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
