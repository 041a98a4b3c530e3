package org.regionalexchange.node.outbox;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsMessage;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.MessageProperties;
import org.regionalexchange.node.broker.RedeliveryBackoff;
import org.regionalexchange.node.logging.MessageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward from each durable outbox to its peer's inbox. A transacted route rather than an Artemis core
 * bridge, so the node sees each hand-over (status {@code forwarded}, metrics) and works the same with an external
 * broker. The local consume commits only after the peer accepted the send; a crash between the two resends, and the
 * peer's duplicate detection on {@code _AMQ_DUPL_ID} drops the second copy. While a peer is down the send fails fast,
 * the transaction rolls back, and the outbox's redelivery back-off (1 s doubling to 30 s, never giving up) paces the
 * retries, across restarts of either side because the outbox is persistent; each failing consumer also pauses
 * for {@link #FAILURE_PAUSE}, so a down peer or a full inbox costs a few attempts a second, not the whole outbox's.
 *
 * <p>Before each hand-over the route asks the {@link Diversion} whether the peer's copies go through the hub now (a
 * direct link that is down, a hub link that is not): such a copy is queued in the hub's outbox instead, in the same
 * transaction, and never tried on the dead link. A copy waiting in its redelivery back-off is diverted at its next
 * attempt, at most the longest back-off (30 s) after the link turned down.
 */
public final class DeliveryRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRoutes.class);

    /** How long a hand-over consumer waits after a failed attempt before it rolls back and takes the next copy. */
    static final java.time.Duration FAILURE_PAUSE = java.time.Duration.ofMillis(500);

    /** The JMS-defined delivery count, which Artemis raises on each redelivery after a rollback. */
    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    /** The JMS component of the node's own broker. */
    public static final String INTERNAL = "internal";

    private final String self;
    private final List<String> peers;
    /** Set on an exchange whose copy is being or was diverted: it is not handed to the route's own peer. */
    private static final String DIVERTED = "rxDiverted";

    private final DeliveryListener listener;
    private final HopHealth health;
    private final LinkLog linkLog;
    private final Diversion diversion;
    private final int handOvers;

    /**
     * @param self this node: each peer takes its copies in the inbox it keeps for this node
     * @param linkLog what the operator reads about each link, shared with its heartbeat ({@link LinkProbe})
     * @param diversion what sends copies for a neighbour whose link is down through the hub instead
     * @param handOvers concurrent hand-overs per peer (node.delivery.hand-overs)
     */
    public DeliveryRoutes(String self, Collection<String> peers, DeliveryListener listener, HopHealth health,
            LinkLog linkLog, Diversion diversion, int handOvers) {
        this.self = self;
        this.peers = List.copyOf(peers);
        this.listener = listener;
        this.health = health;
        this.linkLog = linkLog;
        this.diversion = diversion;
        this.handOvers = handOvers;
    }

    /** The JMS component that reaches a peer's broker over mutual TLS. */
    public static String peerComponent(String peer) {
        return "peer-" + peer.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void configure() {
        for (String peer : peers) {
            // Several consumers that keep their JMS consumer between messages: each hand-over waits for the peer's
            // durable write, which the peer's journal groups when many arrive together, so n in flight divide the
            // wait by about n; re-creating the consumer per message would cost a round trip each. Order between
            // copies does not matter: every message stands alone, and an update that overtakes its alert waits for
            // it at the receiver.
            // A failed hand-over is told once by the LinkLog, in one line: neither Camel's error handler nor the
            // JMS listener's logs the rollback again (with a message history table or a stack trace) per attempt.
            from(INTERNAL + ":queue:" + BrokerAddresses.outbox(peer) + "?transacted=true&concurrentConsumers="
                    + handOvers + "&cacheLevelName=CACHE_CONSUMER"
                    + "&errorHandlerLoggingLevel=DEBUG&errorHandlerLogStackTrace=false")
                    .routeId("delivery-" + peer)
                    // The rollback below is the route's error handler's to log, as "exhausted": at WARN with the
                    // message history unless told otherwise.
                    .errorHandler(defaultErrorHandler().loggingLevel(LoggingLevel.DEBUG)
                            .retriesExhaustedLogLevel(LoggingLevel.DEBUG).logExhausted(false)
                            .logExhaustedMessageHistory(false).logStackTrace(false))
                    .onException(Exception.class)
                        .process(exchange -> failed(exchange, peer))
                        .markRollbackOnly()
                    .end()
                    .process(exchange -> divertIfDown(exchange, peer))
                    .filter(exchange -> !exchange.getProperty(DIVERTED, false, Boolean.class))
                        .setHeader(MessageProperties.DUPLICATE_ID, simple("${header." + MessageProperties.MESSAGE_ID
                                + "}>${header." + MessageProperties.DELIVER_TO + "}>${header."
                                + MessageProperties.RESEND + "}"))
                        .to(peerComponent(peer) + ":queue:" + BrokerAddresses.inbox(self))
                        .process(exchange -> forwarded(exchange, peer))
                    .end();
        }
    }

    /** Queues the copy through the hub instead when the peer's link is down; marks the exchange if it did. */
    private void divertIfDown(Exchange exchange, String peer) {
        if (!diversion.appliesTo(peer)) {
            return;
        }
        exchange.setProperty(DIVERTED, true);
        Message in = exchange.getIn();
        HopCopy waiting = new HopCopy(peer, in.getHeader(MessageProperties.MESSAGE_ID, String.class),
                in.getHeader(MessageProperties.SENDER, String.class), deliverTo(in), in.getBody(byte[].class),
                in.getHeader(MessageProperties.RESEND, 0, Integer.class));
        List<HopCopy> replacements = diversion.divert(waiting);
        if (replacements.isEmpty()) {
            exchange.setProperty(DIVERTED, false); // the link came back meanwhile: hand it over after all
        } else {
            LOG.debug("{}: link to {} is down, copy of {} for {} diverted to {}", self, peer, waiting.messageId(),
                    waiting.deliverTo(), replacements.stream().map(HopCopy::hop).toList());
        }
    }

    private void forwarded(Exchange exchange, String peer) {
        health.handedOver(peer);
        Message in = exchange.getIn();
        listener.forwarded(in.getHeader(MessageProperties.MESSAGE_ID, String.class),
                in.getHeader(MessageProperties.SENDER, String.class), deliverTo(in), peer);
    }

    /**
     * A hand-over that failed: noted on the status and the link, told to the {@link LinkLog} (one WARN when the link
     * starts failing, with the reason and when this copy is tried next, not one per attempt), and the consumer
     * pauses before it rolls back.
     * Without the pause it would take the next copy at once and fail again: with a peer down or its inbox full, the
     * whole outbox would churn through failed attempts (a status write each) instead of waiting.
     */
    private void failed(Exchange exchange, String peer) {
        Message in = exchange.getIn();
        String reason = reason(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        String messageId = in.getHeader(MessageProperties.MESSAGE_ID, String.class);
        try (MessageLog.Scope scope = MessageLog.about(messageId)) {
            if (exchange.getProperty(DIVERTED, false, Boolean.class)) {
                divertFailed(exchange, peer, messageId, reason);
                return;
            }
            health.failed(peer);
            linkLog.failed(peer, "the hand-over of " + messageId, reason,
                    FAILURE_PAUSE.plus(RedeliveryBackoff.OUTBOX.after(deliveries(exchange))));
            try {
                listener.failed(messageId, in.getHeader(MessageProperties.SENDER, String.class), deliverTo(in),
                        "next hop " + peer + " did not take it: " + reason);
            } finally {
                pause();
            }
        }
    }

    /** How often the broker has delivered this copy to the route, this attempt included. */
    private static int deliveries(Exchange exchange) {
        JmsMessage jms = exchange.getIn(JmsMessage.class);
        try {
            return jms == null || jms.getJmsMessage() == null ? 1
                    : Math.max(1, jms.getJmsMessage().getIntProperty(DELIVERY_COUNT));
        } catch (jakarta.jms.JMSException | NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Queueing the copy through the hub failed on this node (its own broker or database), not on the link: the link's
     * state is left alone, and the copy is tried again with the outbox's back-off.
     */
    private void divertFailed(Exchange exchange, String peer, String messageId, String reason) {
        LOG.warn("{}: link to {} is down and the copy of {} could not be diverted to the hub; the outbox will try"
                + " again: {}", self, peer, messageId, reason);
        Message in = exchange.getIn();
        try {
            listener.failed(messageId, in.getHeader(MessageProperties.SENDER, String.class), deliverTo(in),
                    "link to " + peer + " is down and the copy could not be diverted to the hub: " + reason);
        } finally {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(FAILURE_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The innermost message, the one line an operator reads for an expected network failure (never a stack trace):
     * Spring wraps what the peer's broker said (for example that the message exceeds its
     * node.limits.message-bytes) in a generic "Uncategorized exception", which tells an operator nothing.
     */
    static String reason(Throwable failure) {
        String reason = "unknown error";
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                reason = cause.getMessage();
            }
        }
        return reason;
    }

    private static List<String> deliverTo(Message in) {
        return Arrays.stream(in.getHeader(MessageProperties.DELIVER_TO, "", String.class).split(","))
                .map(String::strip).filter(recipient -> !recipient.isEmpty()).toList();
    }
}
