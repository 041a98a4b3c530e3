package org.regionalexchange.node.crypto;

/** The node's own key material or crypto provider is unusable: an operator problem, not a bad message. */
public final class ProtectionSetupException extends RuntimeException {

    public ProtectionSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
