package org.regionalexchange.node.logging;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

/**
 * Runs every step of every route with the messageId of the exchange's message in the MDC (see {@link MessageLog}):
 * inbox acceptance and rejection, relay, dispatch, receipts, outbox sealing and hand-over all log it without each
 * line naming it. The id is the exchange property {@value #PROPERTY} when a step set one (the outbox sets it once it
 * has made the messageId, the inbox once it has verified it), else the message's header (what the sender claims,
 * on the broker's copy). An exchange without either runs as it would.
 */
public final class MessageLogInterceptor implements InterceptStrategy {

    /** The exchange property a route sets to the messageId it works on, when the header has none or another. */
    public static final String PROPERTY = "rxLogMessageId";

    private final String header;

    /** @param header the message header that carries the messageId on the broker's copies */
    public MessageLogInterceptor(String header) {
        this.header = header;
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
            Processor nextTarget) {
        return new WithMessageId(target, header);
    }

    /** The messageId an exchange is about, or null. */
    static String messageId(Exchange exchange, String header) {
        String id = exchange.getProperty(PROPERTY, String.class);
        return id != null ? id : exchange.getIn().getHeader(header, String.class);
    }

    /** One step, with the MDC set around its synchronous part; an asynchronous continuation runs without it. */
    private static final class WithMessageId extends DelegateAsyncProcessor {

        private final String header;

        WithMessageId(Processor target, String header) {
            super(target);
            this.header = header;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            try (MessageLog.Scope scope = MessageLog.about(messageId(exchange, header))) {
                return processor.process(exchange, callback);
            }
        }
    }
}
