package org.regionalexchange.node.outbox;

import org.apache.camel.builder.RouteBuilder;
import org.regionalexchange.node.logging.MessageLogInterceptor;

/**
 * The outbound pipeline. The body goes in as a {@link Submission} and comes out as the new messageId; every step
 * is a named bean taking and returning domain types.
 */
public final class OutboxRoutes extends RouteBuilder {

    /** Submit a {@link Submission}; replies with the messageId or throws {@link InvalidSubmissionException}. */
    public static final String SUBMIT = "direct:outbox-submit";

    private final SubmissionChecker checker;
    private final Sealing sealing;
    private final SentLedger ledger;
    private final CopyQueue queue;

    public OutboxRoutes(SubmissionChecker checker, Sealing sealing, SentLedger ledger, CopyQueue queue) {
        this.checker = checker;
        this.sealing = sealing;
        this.ledger = ledger;
        this.queue = queue;
    }

    @Override
    public void configure() {
        // Failures go back to the caller (the API answers 400, a transacted inbox route rolls back). The record is
        // durable before any copy is queued, and the copies before the caller hears the messageId.
        from(SUBMIT).routeId("outbox-submit")
                .errorHandler(noErrorHandler())
                .bean(checker, "check")
                // From here on the route's lines are about the new message (see MessageLogInterceptor).
                .process(exchange -> exchange.setProperty(MessageLogInterceptor.PROPERTY,
                        exchange.getIn().getBody(OutgoingMessage.class).messageId()))
                .bean(sealing, "seal")
                .bean(ledger, "record")
                .bean(queue, "queue");
    }
}
