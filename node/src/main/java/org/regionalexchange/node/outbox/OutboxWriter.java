package org.regionalexchange.node.outbox;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.List;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.MessageProperties;
import org.springframework.jms.connection.ConnectionFactoryUtils;
import org.springframework.jms.core.JmsTemplate;

/**
 * Puts hop copies into the durable per-peer outboxes, all of them in one JMS transaction: either every next hop gets
 * its copy or none does. Inside a transacted inbox route the copies join that route's transaction, so consuming a
 * message and queueing its relay or receipt commit together.
 */
public final class OutboxWriter {

    private final ConnectionFactory connectionFactory;
    private final JmsTemplate template;

    /** @param connectionFactory the same factory the transacted routes use, so their transaction is shared */
    public OutboxWriter(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
        this.template = new JmsTemplate(connectionFactory);
        this.template.setSessionTransacted(true);
    }

    /** Queues every hop's copy of a sealed message; returns its messageId. */
    public String enqueue(OutgoingMessage message) {
        enqueueCopies(message.copies());
        return message.messageId();
    }

    public void enqueueCopies(List<HopCopy> copies) {
        template.execute(session -> {
            for (HopCopy copy : copies) {
                send(session, copy);
            }
            // Inside a route's transaction the route commits; on its own, this session commits all copies at once.
            if (!ConnectionFactoryUtils.isSessionTransactional(session, connectionFactory)) {
                session.commit();
            }
            return null;
        }, true);
    }

    private static void send(Session session, HopCopy copy) throws jakarta.jms.JMSException {
        try (MessageProducer producer = session.createProducer(
                session.createQueue(BrokerAddresses.outbox(copy.hop())))) {
            producer.send(envelopeMessage(session, copy));
        }
    }

    /** The JMS form of an envelope copy: the wire bytes, with the routing facts as properties. */
    public static BytesMessage envelopeMessage(Session session, HopCopy copy) throws jakarta.jms.JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(copy.wire());
        message.setStringProperty(MessageProperties.MESSAGE_ID, copy.messageId());
        message.setStringProperty(MessageProperties.SENDER, copy.sender());
        message.setStringProperty(MessageProperties.DELIVER_TO, copy.deliverToProperty());
        message.setIntProperty(MessageProperties.RESEND, copy.resend());
        return message;
    }
}
