package org.regionalexchange.node.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;
import java.time.Clock;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.MessageProperties;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.store.ReceivedMessages;
import org.regionalexchange.node.units.Tlp;
import org.regionalexchange.node.units.UnitDispatch;
import org.regionalexchange.node.units.UnitRegistry;
import org.springframework.jms.core.JmsTemplate;

/**
 * Publishes verified messages to local subscribers on the dispatch topic, as {@code {header, document}} JSON with
 * properties a subscriber can select on: kind, sender, handling and, for pre-arrival warnings, the target unit; and
 * puts each on the queue of every registered customs unit that gets it ({@link UnitDispatch}). A TLP:RED message
 * goes to no one but a unit cleared for RED.
 *
 * <p>Exactly once to a subscriber, across crashes: the dispatch is a durable send of its own (not part of the inbox
 * transaction, which may roll back and come again) carrying a duplicate id derived from the messageId, so a second
 * dispatch of the same message after a crash is dropped by the broker; once it is sent the store notes it, so a copy
 * that arrives later by another path is not dispatched at all.
 */
public final class LocalDispatcher {

    public static final String KIND = "rxKind";
    public static final String TARGET_UNIT = "rxTargetUnit";
    public static final String HANDLING = "rxHandling";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JmsTemplate template;
    private final JmsTemplate queues;
    private final ReceivedMessages received;
    private final UnitDispatch units;
    private final Clock clock;

    /** @param connectionFactory a factory of its own, not the one the transacted routes use, so it never joins them */
    public LocalDispatcher(ConnectionFactory connectionFactory, ReceivedMessages received, Clock clock) {
        this(connectionFactory, received, null, clock);
    }

    /** @param units the customs units that get messages on queues of their own; null when there are none */
    public LocalDispatcher(ConnectionFactory connectionFactory, ReceivedMessages received, UnitDispatch units,
            Clock clock) {
        this.template = new JmsTemplate(connectionFactory);
        this.template.setSessionTransacted(false);
        this.template.setPubSubDomain(true);
        this.queues = new JmsTemplate(connectionFactory);
        this.queues.setSessionTransacted(false);
        this.queues.setPubSubDomain(false);
        this.received = received;
        this.units = units;
        this.clock = clock;
    }

    public Accepted dispatch(Accepted accepted) {
        if (accepted.dispatched()) {
            return accepted;
        }
        OpenedMessage message = accepted.message();
        ObjectNode body = JSON.createObjectNode();
        body.set("header", message.header());
        body.set("document", message.document());
        String handling = message.header().path("handling").asText("");
        // RED never reaches the shared address: only units explicitly cleared for it get it, on their own queues.
        if (Tlp.sharedDispatch(handling)) {
            template.send(BrokerAddresses.LOCAL_DISPATCH, session -> dispatched(session, body, message,
                    "dispatch>" + message.messageId()));
        }
        if (units != null) {
            for (String unit : units.recipients(message.messageId(), message.header(), message.document())) {
                queues.send(UnitRegistry.queue(unit), session -> dispatched(session, body, message,
                        "dispatch>" + unit + ">" + message.messageId()));
            }
        }
        received.dispatched(message.messageId(), clock.instant());
        return accepted;
    }

    private static TextMessage dispatched(jakarta.jms.Session session, ObjectNode body, OpenedMessage message,
            String duplicateId) throws jakarta.jms.JMSException {
        TextMessage text = session.createTextMessage(body.toString());
        text.setStringProperty(MessageProperties.MESSAGE_ID, message.messageId());
        text.setStringProperty(MessageProperties.SENDER, message.sender());
        text.setStringProperty(MessageProperties.DUPLICATE_ID, duplicateId);
        text.setStringProperty(KIND, message.kind());
        text.setStringProperty(HANDLING, message.header().path("handling").asText(""));
        String unit = message.document().path("targetUnit").path("nodeId").asText("");
        if (!unit.isEmpty()) {
            text.setStringProperty(TARGET_UNIT, unit);
        }
        return text;
    }
}
