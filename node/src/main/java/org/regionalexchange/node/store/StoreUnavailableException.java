package org.regionalexchange.node.store;

/** The database could not be reached or was busy: a transient fault, retried, never a reason to quarantine. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
