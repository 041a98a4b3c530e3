package org.regionalexchange.node.outbox;

import org.apache.camel.builder.RouteBuilder;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.store.StoreUnavailableException;

/**
 * Local systems and customs units submit on the broker as they would over REST: the JSON submission goes to
 * {@code local.submit}, and the answer (accepted with its messageId, or every violation) is published on
 * {@code local.dispatch} with {@code rxKind = 'submit-result'} and {@code rxSubmitResultFor} set to the request's
 * JMSCorrelationID (or, without one, its JMSMessageID). A submitter that sets a correlation id can subscribe to its
 * answer before it sends, so the answer cannot be published while nobody listens. While the database is unavailable
 * the answer is a refusal ({@code unavailable}, {@code retryAfterSeconds}): nothing was stored, submit again later.
 * A registered customs unit's request is checked by {@link LocalSubmitters} (outcome reports for its own warnings
 * only), and its answer goes to the unit's own queue, the only one it may read.
 */
public final class LocalSubmitRoutes extends RouteBuilder {

    public static final String RESULT_KIND = "submit-result";
    public static final String RESULT_FOR = "rxSubmitResultFor";
    /** What a refusal for an unavailable database asks the submitter to wait, as the REST API's Retry-After does. */
    static final int RETRY_AFTER_SECONDS = 30;
    private static final String DISPATCH = DeliveryRoutes.INTERNAL + ":topic:" + BrokerAddresses.LOCAL_DISPATCH;

    /** Where the answer goes: the shared dispatch address, or the submitter's own queue. */
    static final String ANSWER_TO = "rxAnswerTo";
    /** The broker login that sent the request, stamped by the broker itself (see broker/SubmitterStamp). */
    static final String SUBMITTER = org.regionalexchange.node.broker.MessageProperties.SUBMITTER;

    private final SubmissionReader reader;
    private final LocalSubmitters submitters;

    public LocalSubmitRoutes(SubmissionReader reader) {
        this(reader, LocalSubmitters.ANY);
    }

    public LocalSubmitRoutes(SubmissionReader reader, LocalSubmitters submitters) {
        this.reader = reader;
        this.submitters = submitters;
    }

    @Override
    public void configure() {
        from(DeliveryRoutes.INTERNAL + ":queue:" + BrokerAddresses.LOCAL_SUBMIT + "?transacted=true")
                .routeId("local-submit")
                .onException(InvalidSubmissionException.class).handled(true)
                    .setBody(method(SubmissionReader.class, "violations(${exception})"))
                    .toD("${header." + ANSWER_TO + "}")
                .end()
                // Without its database the node can promise nothing: the submitter is told so at once, instead of
                // the broker redelivering the request until it gives up on it.
                .onException(StoreUnavailableException.class).handled(true)
                    .setBody(exchange -> SubmissionReader.unavailable("database",
                            exchange.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class)
                                    .getMessage(), RETRY_AFTER_SECONDS))
                    .toD("${header." + ANSWER_TO + "}")
                .end()
                // First of all, and whatever the request carried: where the answer goes follows from the submitter the
                // broker stamped, never from a property the client set.
                .process(exchange -> exchange.getIn().setHeader(ANSWER_TO, submitters.answerQueue(
                        exchange.getIn().getHeader(SUBMITTER, String.class))
                        .map(queue -> DeliveryRoutes.INTERNAL + ":queue:" + queue).orElse(DISPATCH)))
                .setHeader(RESULT_FOR, header("JMSCorrelationID"))
                .filter(header(RESULT_FOR).isNull())
                    .setHeader(RESULT_FOR, header("JMSMessageID"))
                .end()
                .setHeader("rxKind", constant(RESULT_KIND))
                .removeHeader("JMSReplyTo")
                .convertBodyTo(String.class)
                .bean(reader, "read")
                .process(exchange -> exchange.getIn().setBody(submitters.check(
                        exchange.getIn().getBody(Submission.class),
                        exchange.getIn().getHeader(SUBMITTER, String.class))))
                .to(OutboxRoutes.SUBMIT)
                .setBody(method(SubmissionReader.class, "accepted"))
                .toD("${header." + ANSWER_TO + "}");
    }
}
