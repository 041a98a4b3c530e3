package org.regionalexchange.node.inbox;

import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.jms.JmsMessage;
import jakarta.jms.JMSException;
import org.regionalexchange.node.broker.InternalCredentials;
import org.regionalexchange.node.broker.MessageProperties;

/** Reads an inbox JMS message into an {@link Incoming} and keeps it on the exchange for the error path. */
public final class InboundReader implements Processor {

    public static final String INCOMING = "rxIncoming";
    /** The JMS-defined delivery count, which Artemis raises on each redelivery after a rollback. */
    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException, JMSException {
        Message in = exchange.getIn();
        // The broker's own property (the validated user) is read from the JMS message itself:
        // the Artemis client does not list them among the properties Camel copies into headers.
        jakarta.jms.Message jms = exchange.getIn(JmsMessage.class).getJmsMessage();
        String peer = jms.getStringProperty(MessageProperties.VALIDATED_USER);
        long releasedFrom = 0;
        // A released copy was sent by the node itself on behalf of the peer that delivered it first; the marker
        // counts only when the broker says the node sent it, so a peer setting the same properties is still itself.
        if (InternalCredentials.USER.equals(peer) && jms.propertyExists(MessageProperties.RELEASED_FROM)) {
            releasedFrom = jms.getLongProperty(MessageProperties.RELEASED_FROM);
            peer = jms.getStringProperty(MessageProperties.RELEASED_PEER);
        }
        String deliverTo = in.getHeader(MessageProperties.DELIVER_TO, "", String.class);
        Incoming incoming = new Incoming(
                in.getHeader(MessageProperties.MESSAGE_ID, "", String.class),
                in.getHeader(MessageProperties.SENDER, "", String.class),
                in.getMandatoryBody(byte[].class),
                peer == null ? "unknown" : peer,
                deliverTo.isBlank() ? List.of() : Arrays.stream(deliverTo.split(",")).map(String::strip).toList(),
                in.getHeader(MessageProperties.RESEND, 0, Integer.class), releasedFrom,
                Math.max(1, jms.getIntProperty(DELIVERY_COUNT)));
        exchange.setProperty(INCOMING, incoming);
        in.setBody(incoming);
    }
}
