package org.regionalexchange.node.broker;

/**
 * What one peer may have waiting in its inbox on this node (node.inbox.*). Past either limit the broker refuses the
 * peer's next send at the peer's producer (the address-full policy FAIL), so the excess stays in the peer's own
 * outbox, which retries with back-off, instead of in this node's memory or disk. The connection limit bounds what
 * one certificate can hold open here.
 *
 * @param maxMessages messages waiting from one peer
 * @param maxBytes bytes waiting from one peer, as the broker counts them (its paging size, headers included)
 * @param maxConnections connections one peer's certificate may hold open at once
 * @param quarantinePerHour rejected messages of one reason from one peer kept whole in quarantine each hour; the
 *     rest of the hour's are counted, not kept
 */
public record InboxLimits(long maxMessages, long maxBytes, int maxConnections, int quarantinePerHour) {

    public static final InboxLimits DEFAULT = new InboxLimits(20_000, 256L * 1024 * 1024, 16, 1_000);

    public InboxLimits {
        if (maxMessages < 1 || maxBytes < 1 || maxConnections < 1 || quarantinePerHour < 1) {
            throw new IllegalArgumentException("inbox limits must be positive: " + maxMessages + " messages, "
                    + maxBytes + " bytes, " + maxConnections + " connections");
        }
    }
}
