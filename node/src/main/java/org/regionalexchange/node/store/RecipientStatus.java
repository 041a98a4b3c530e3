package org.regionalexchange.node.store;

import java.time.Instant;

/**
 * One recipient's delivery status; reasonCode is set only when rejected.
 *
 * @param resends how many times the sealed message was queued again for this recipient because no receipt came
 * @param lastAttemptAt when it was last handed on or resent, null before the first hand-over
 * @param lastError what went wrong last (the next hop unreachable, no receipt in time), null when nothing did
 */
public record RecipientStatus(String recipient, String nextHop, DeliveryStatus status, String reasonCode,
        Instant updatedAt, int resends, Instant lastAttemptAt, String lastError) {}
