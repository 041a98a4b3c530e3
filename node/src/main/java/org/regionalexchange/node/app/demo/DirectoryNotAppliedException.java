package org.regionalexchange.node.app.demo;

import java.time.Duration;
import java.util.Map;

/**
 * Members of a local region that had not applied the hub's member directory in time. A member enrolled by request
 * learns the other members' encryption certificates only from that directory, so until it has one it cannot send
 * to them.
 */
public final class DirectoryNotAppliedException extends IllegalStateException {

    private final transient Map<String, Long> versions;

    /** @param versions the version each waiting member had in force at the deadline (0: none yet) */
    DirectoryNotAppliedException(long wanted, Duration within, Map<String, Long> versions) {
        super("member directory version " + wanted + " not applied within " + within + " by " + versions
                + " (member=version in force, 0 for none): the hub publishes it at its first start and each member"
                + " takes it over its link to the hub, so check the hub's log for members left out of its first"
                + " directory and the members' links to the hub (GET /health), or wait longer (demo --timeout)");
        this.versions = Map.copyOf(versions);
    }

    /** The version each waiting member had in force at the deadline. */
    public Map<String, Long> versions() {
        return versions;
    }
}
