package org.regionalexchange.node.routing;

/** A recipient this node has no link to, directly or through the hub: a configuration problem, not a transient one. */
public final class UnreachableRecipientException extends RuntimeException {

    public UnreachableRecipientException(String self, String recipient) {
        super("node " + self + " has no link to " + recipient + " and no hub link to go through: add node.peers="
                + recipient + " with node.peer." + recipient.toLowerCase(java.util.Locale.ROOT) + ".url");
    }
}
