package org.regionalexchange.node.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.springframework.jms.core.JmsTemplate;

/**
 * Publishes verified messages to local subscribers on the dispatch topic, as {@code {header, document}} JSON with
 * properties a subscriber can select on: kind, sender and, for pre-arrival warnings, the target unit. Joins the inbox
 * transaction, so a message is dispatched exactly when its inbox delivery commits.
 */
public final class LocalDispatcher {

    public static final String KIND = "rxKind";
    public static final String TARGET_UNIT = "rxTargetUnit";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JmsTemplate template;

    public LocalDispatcher(ConnectionFactory connectionFactory) {
        this.template = new JmsTemplate(connectionFactory);
        this.template.setSessionTransacted(true);
        this.template.setPubSubDomain(true);
    }

    public Accepted dispatch(Accepted accepted) {
        OpenedMessage message = accepted.message();
        ObjectNode body = JSON.createObjectNode();
        body.set("header", message.header());
        body.set("document", message.document());
        template.send(BrokerAddresses.LOCAL_DISPATCH, session -> {
            TextMessage text = session.createTextMessage(body.toString());
            text.setStringProperty(org.regionalexchange.node.broker.MessageProperties.MESSAGE_ID, message.messageId());
            text.setStringProperty(org.regionalexchange.node.broker.MessageProperties.SENDER, message.sender());
            text.setStringProperty(KIND, message.kind());
            String unit = message.document().path("targetUnit").path("nodeId").asText("");
            if (!unit.isEmpty()) {
                text.setStringProperty(TARGET_UNIT, unit);
            }
            return text;
        });
        return accepted;
    }
}
