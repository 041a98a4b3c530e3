package org.regionalexchange.node.inbox;

import java.util.Arrays;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.regionalexchange.node.broker.MessageProperties;

/** Reads an inbox JMS message into an {@link Incoming} and keeps it on the exchange for the error path. */
public final class InboundReader implements Processor {

    public static final String INCOMING = "rxIncoming";

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        Message in = exchange.getIn();
        String deliverTo = in.getHeader(MessageProperties.DELIVER_TO, "", String.class);
        Integer deliveryCount = in.getHeader("JMSXDeliveryCount", 1, Integer.class);
        Incoming incoming = new Incoming(
                in.getHeader(MessageProperties.MESSAGE_ID, "", String.class),
                in.getHeader(MessageProperties.SENDER, "", String.class),
                in.getMandatoryBody(byte[].class),
                in.getHeader(MessageProperties.VALIDATED_USER, "unknown", String.class),
                deliverTo.isBlank() ? List.of() : Arrays.stream(deliverTo.split(",")).map(String::strip).toList(),
                deliveryCount != null && deliveryCount > 1);
        exchange.setProperty(INCOMING, incoming);
        in.setBody(incoming);
    }
}
