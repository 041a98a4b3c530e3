package org.regionalexchange.node.outbox;

/** A link to a peer as its hand-overs and heartbeats show it (see {@link HopHealth}). */
public enum LinkState {
    UP,
    DEGRADED,
    DOWN
}
