package org.regionalexchange.node.broker;

/** The one place broker address names are defined. Each address has a single anycast queue of the same name. */
public final class BrokerAddresses {

    /**
     * The node's own inbox: copies released from quarantine re-enter here. Peers cannot reach it; each peer delivers
     * to an inbox of its own ({@link #inbox(String)}).
     */
    public static final String INBOX = "exchange.inbox";
    /** Verified messages for local subscribers (customs units, local systems); multicast. */
    public static final String LOCAL_DISPATCH = "local.dispatch";
    /**
     * The hub's durable queue on {@link #LOCAL_DISPATCH} for the first-sighting rule: the seizure notices and
     * early-warnings it received ({@link #FIRST_SIGHTING_FILTER}).
     */
    public static final String FIRST_SIGHTING = "first-sighting";
    public static final String FIRST_SIGHTING_FILTER = "rxKind IN ('seizure-notice', 'early-warning')";
    /** Where local subscribers hand in documents to be sent (for example outcome reports). */
    public static final String LOCAL_SUBMIT = "local.submit";
    /** Messages the broker gave up redelivering; watched by health, never consumed automatically. */
    public static final String DEAD_LETTER = "exchange.dead-letter";
    /**
     * Messages that outlived a broker time-to-live a client gave them: parked here, never dropped, and never consumed
     * automatically (the node's own messages carry none; a message's expiresAt is the node's to check, not the
     * broker's). Its depth is on /metrics beside the dead letters'.
     */
    public static final String EXPIRED = "exchange.expired";

    /** The prefix of each registered customs unit's own queue, {@code local.unit.<unit>}. */
    public static final String UNIT_PREFIX = "local.unit.";

    private static final String OUTBOX_PREFIX = "exchange.outbox.";
    private static final String INBOX_PREFIX = "exchange.inbox.";

    private BrokerAddresses() {}

    /**
     * Where one peer delivers sealed envelopes, the only address it may touch: each peer's messages wait apart, within
     * limits of their own, and are consumed by consumers of their own, so one peer's flood cannot hold back another's.
     */
    public static String inbox(String peerNodeId) {
        return INBOX_PREFIX + peerNodeId;
    }

    /** The durable per-peer queue a message waits in until the peer's inbox has taken it. */
    public static String outbox(String peerNodeId) {
        return OUTBOX_PREFIX + peerNodeId;
    }

    /** The durable queue a registered customs unit reads, the only one it may. */
    public static String unit(String unit) {
        return UNIT_PREFIX + unit;
    }

    public static boolean isOutbox(String address) {
        return address.startsWith(OUTBOX_PREFIX);
    }
}
