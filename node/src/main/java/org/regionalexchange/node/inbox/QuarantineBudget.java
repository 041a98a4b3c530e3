package org.regionalexchange.node.inbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many rejected messages of one reason from one peer are kept whole in quarantine each hour
 * (node.inbox.peer-quarantine-per-hour). Past that, the hour's further ones are counted, with their first and last
 * messageId, instead of kept: a peer that floods junk fills its own count, not the node's store. The count starts
 * afresh each hour and when the node starts.
 */
public final class QuarantineBudget {

    public static final int DEFAULT_PER_HOUR = 1_000;

    private final int perHour;
    private final Map<String, Spent> spent = new ConcurrentHashMap<>();

    private record Spent(Instant hour, int kept) {}

    public QuarantineBudget(int perHour) {
        if (perHour < 1) {
            throw new IllegalArgumentException("at least one rejected message an hour must be kept, not " + perHour);
        }
        this.perHour = perHour;
    }

    /** Whether this rejection is kept whole (and counted against the hour's budget), or only counted. */
    public boolean keep(String peer, String reasonCode, Instant at) {
        Instant hour = at.truncatedTo(ChronoUnit.HOURS);
        Spent now = spent.compute(peer + "\u0000" + reasonCode, (key, before) -> before == null
                || !before.hour().equals(hour) ? new Spent(hour, 1) : new Spent(hour, before.kept() + 1));
        return now.kept() <= perHour;
    }

    /** Whether this rejection is the first one past the hour's budget: worth one line in the log. */
    public boolean justSpent(String peer, String reasonCode) {
        Spent now = spent.get(peer + "\u0000" + reasonCode);
        return now != null && now.kept() == perHour + 1;
    }

    public int perHour() {
        return perHour;
    }
}
