package org.regionalexchange.node.outbox;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.MessageProperties;
import org.regionalexchange.node.routing.NextHopResolver;
import org.regionalexchange.node.routing.UnreachableRecipientException;
import org.regionalexchange.node.store.SentMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * The start-up check that closes the one window between the two stores: a submission is recorded in the database
 * before its copies are queued in the broker, so a crash between the two leaves recipients {@code queued} with no
 * copy in any outbox. Those are queued now. A copy queued twice this way is dropped by the peer's duplicate check.
 */
public final class OutboxRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRecovery.class);

    private final String self;
    private final SentMessages sent;
    private final NextHopResolver resolver;
    private final OutboxWriter outbox;
    private final JmsTemplate browser;
    private final Set<String> peers;

    public OutboxRecovery(String self, SentMessages sent, NextHopResolver resolver, OutboxWriter outbox,
            ConnectionFactory connectionFactory, Set<String> peers) {
        this.self = self;
        this.sent = sent;
        this.resolver = resolver;
        this.outbox = outbox;
        this.browser = new JmsTemplate(connectionFactory);
        this.peers = Set.copyOf(peers);
    }

    /** @return how many recipients had no copy waiting and were queued again */
    public int requeueMissing() {
        Map<String, List<String>> queued = sent.queued();
        if (queued.isEmpty()) {
            return 0;
        }
        Set<String> waiting = waitingCopies();
        int requeued = 0;
        for (Map.Entry<String, List<String>> message : queued.entrySet()) {
            List<String> missing = new ArrayList<>();
            for (String recipient : message.getValue()) {
                if (!waiting.contains(message.getKey() + ">" + recipient)) {
                    missing.add(recipient);
                }
            }
            if (!missing.isEmpty()) {
                requeued += requeue(message.getKey(), missing);
            }
        }
        if (requeued > 0) {
            LOG.info("{} recipient(s) of messages recorded before a crash had no copy queued; queued them now",
                    requeued);
        }
        return requeued;
    }

    private int requeue(String messageId, List<String> recipients) {
        byte[] wire = sent.wire(messageId).orElseThrow();
        List<HopCopy> copies = new ArrayList<>();
        try {
            resolver.plan(recipients).forEach((hop, deliverTo) ->
                    copies.add(new HopCopy(hop, messageId, self, deliverTo, wire)));
        } catch (UnreachableRecipientException e) {
            sent.noteError(messageId, recipients, e.getMessage());
            return 0;
        }
        outbox.enqueueCopies(copies);
        return recipients.size();
    }

    /** "messageId>recipient" for every copy waiting in an outbox. */
    private Set<String> waitingCopies() {
        Set<String> waiting = new HashSet<>();
        for (String peer : peers) {
            browser.browse(BrokerAddresses.outbox(peer), (session, browsing) -> {
                Enumeration<?> messages = browsing.getEnumeration();
                while (messages.hasMoreElements()) {
                    Message message = (Message) messages.nextElement();
                    String id = message.getStringProperty(MessageProperties.MESSAGE_ID);
                    String deliverTo = message.getStringProperty(MessageProperties.DELIVER_TO);
                    for (String recipient : deliverTo == null ? new String[0] : deliverTo.split(",")) {
                        waiting.add(id + ">" + recipient.strip());
                    }
                }
                return null;
            });
        }
        return waiting;
    }
}
