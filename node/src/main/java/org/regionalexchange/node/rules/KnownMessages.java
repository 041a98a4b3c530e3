package org.regionalexchange.node.rules;

import java.util.Optional;

/**
 * What this node knows of an earlier message, received or sent by it: enough to tell whether an update or a
 * cancellation refers to an alert of its own sender. The store answers it through an adapter, so that the rules
 * stay free of the database.
 */
@FunctionalInterface
public interface KnownMessages {

    /** A message this node has: its kind and the node that sent it (this node's own id for what it sent). */
    record Known(String kind, String sender) {}

    Optional<Known> find(String messageId);
}
