package org.regionalexchange.node.store;

import java.time.Instant;

/** One recipient's delivery status; reasonCode is set only when rejected. */
public record RecipientStatus(String recipient, String nextHop, DeliveryStatus status, String reasonCode,
        Instant updatedAt) {}
