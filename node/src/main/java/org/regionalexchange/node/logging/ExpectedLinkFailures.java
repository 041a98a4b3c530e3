package org.regionalexchange.node.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;

/**
 * Keeps Artemis's own lines about a peer connection that failed out of the log: its client logs each failed
 * connection attempt at ERROR with a stack trace (every heartbeat and hand-over while a peer is down), its server
 * each dropped session of a peer that went away, twice, and each copy a peer handed over again after a link lost
 * the first one's answer, which duplicate detection drops as designed (with the whole message dumped). The node
 * tells a link's failures itself, once per outage with the reason ({@code outbox.LinkLog}); these add nothing an
 * operator can act on. Configured in logback.xml; every other Artemis line passes.
 */
public final class ExpectedLinkFailures extends TurboFilter {

    private static final String ARTEMIS = "org.apache.activemq.artemis.";

    /** The codes: a failed connect, a detected connection failure, a dropped session, its clean-up, a resent copy. */
    static final List<String> CODES = List.of(
            "AMQ214016", // Failed to create netty connection (client, ERROR with a stack trace)
            "AMQ212037", // Connection failure to ... has been detected (client)
            "AMQ222061", // Client connection failed, clearing up resources for session ... (server)
            "AMQ222107", // Cleared up resources for session ... (server)
            "AMQ222059"); // Duplicate message detected - message will not be routed (server, a resent copy)

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (format == null || logger == null || !logger.getName().startsWith(ARTEMIS)) {
            return FilterReply.NEUTRAL;
        }
        for (String code : CODES) {
            if (format.startsWith(code)) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
