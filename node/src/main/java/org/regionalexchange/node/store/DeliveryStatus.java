package org.regionalexchange.node.store;

/**
 * Where a sent message stands for one recipient. Status only moves forward, so a late report of an earlier step
 * (a forward noticed after the receipt arrived) never undoes a later one.
 */
public enum DeliveryStatus {
    QUEUED(0), FORWARDED(1), DELIVERED(2), REJECTED(2);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    int rank() {
        return rank;
    }
}
