package org.regionalexchange.node.api;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.regionalexchange.node.audit.AuditAnchorException;
import org.regionalexchange.node.outbox.InvalidSubmissionException;
import org.regionalexchange.node.outbox.OutboxRoutes;

/** HTTP routes on camel-platform-http: {@code /api/v1}, {@code /health}, {@code /metrics}. */
public final class ApiRoutes extends RouteBuilder {

    private static final String JSON = "application/json";

    private final NodeApi api;

    public ApiRoutes(NodeApi api) {
        this.api = api;
    }

    @Override
    public void configure() {
        onException(InvalidSubmissionException.class).handled(true)
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(400))
                .setHeader(Exchange.CONTENT_TYPE, constant(JSON))
                .setBody(method(api, "violations(${exception})"));
        onException(IllegalArgumentException.class, java.time.format.DateTimeParseException.class).handled(true)
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(400))
                .setHeader(Exchange.CONTENT_TYPE, constant("text/plain"))
                .setBody(simple("${exception.message}"));
        onException(AuditAnchorException.class).handled(true)
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(500))
                .setHeader(Exchange.CONTENT_TYPE, constant("text/plain"))
                .setBody(simple("${exception.message}"));

        from("platform-http:/api/v1/messages?httpMethodRestrict=POST").routeId("api-submit")
                .convertBodyTo(String.class)
                .bean(api, "submission")
                .to(OutboxRoutes.SUBMIT)
                .setBody(method(api, "accepted"))
                .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(202))
                .setHeader(Exchange.CONTENT_TYPE, constant(JSON));

        from("platform-http:/api/v1/messages/{id}?httpMethodRestrict=GET").routeId("api-status")
                .setBody(method(api, "status(${header.id})"))
                .choice().when(body().isNull())
                    .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(404))
                    .setBody(simple("{\"error\":\"no message ${header.id} was sent by this node\"}"))
                .end()
                .setHeader(Exchange.CONTENT_TYPE, constant(JSON));

        from("platform-http:/api/v1/delivery-summary?httpMethodRestrict=GET").routeId("api-delivery-summary")
                .setBody(method(api, "deliverySummary"))
                .setHeader(Exchange.CONTENT_TYPE, constant(JSON));

        from("platform-http:/api/v1/inbox?httpMethodRestrict=GET").routeId("api-inbox")
                .setBody(method(api, "inbox(${header.kind}, ${header.since}, ${header.until}, ${header.limit})"))
                .setHeader(Exchange.CONTENT_TYPE, constant(JSON));

        from("platform-http:/api/v1/quarantine?httpMethodRestrict=GET").routeId("api-quarantine")
                .setBody(method(api, "quarantine(${header.limit})"))
                .setHeader(Exchange.CONTENT_TYPE, constant(JSON));

        from("platform-http:/api/v1/audit?httpMethodRestrict=GET").routeId("api-audit")
                .setBody(method(api, "audit(${header.seq}, ${header.entryHash}, ${header.recordedAt})"))
                .setHeader(Exchange.CONTENT_TYPE, constant(JSON));

        // Its own exact path, not a sub-path of /api/v1/audit: that route does not match on prefix.
        from("platform-http:/api/v1/audit/checkpoints?httpMethodRestrict=GET").routeId("api-audit-checkpoints")
                .setBody(method(api, "checkpoints"))
                .setHeader(Exchange.CONTENT_TYPE, constant(JSON));

        from("platform-http:/health?httpMethodRestrict=GET").routeId("api-health")
                .setBody(method(api, "healthReport"))
                .process(e -> e.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE,
                        e.getIn().getBody(Health.Report.class).up() ? 200 : 503))
                .setBody(method(api, "health(${body})"))
                .setHeader(Exchange.CONTENT_TYPE, constant(JSON));

        from("platform-http:/metrics?httpMethodRestrict=GET").routeId("api-metrics")
                .setBody(method(api, "metrics"))
                .setHeader(Exchange.CONTENT_TYPE, constant("text/plain; version=0.0.4"));
    }
}
