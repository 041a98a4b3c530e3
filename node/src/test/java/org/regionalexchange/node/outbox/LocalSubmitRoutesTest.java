package org.regionalexchange.node.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.regionalexchange.node.envelope.JsonLimits;
import org.regionalexchange.node.envelope.StrictJson;
import org.regionalexchange.node.store.StoreUnavailableException;

/**
 * The local submit route's answers, with the outbox faked: while the database is down a local submitter gets a
 * refusal that names it and says when to submit again, once, instead of its request being redelivered and dropped.
 */
class LocalSubmitRoutesTest extends CamelTestSupport {

    private static final String SUBMISSION = "{\"kind\":\"seizure-notice\",\"recipients\":[\"KG\"],"
            + "\"handling\":\"AMBER\",\"document\":{}}";

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] {new LocalSubmitRoutes(new SubmissionReader(new StrictJson(JsonLimits.DEFAULT))),
            new RouteBuilder() {
                @Override
                public void configure() {
                    // As the real outbox route: failures go back to the caller.
                    from(OutboxRoutes.SUBMIT).routeId("outbox-without-database").errorHandler(noErrorHandler())
                            .process(exchange -> {
                        throw new StoreUnavailableException("recording message x: Connection refused", null);
                    });
                }
            }};
    }

    @Test
    void aSubmissionWhileTheDatabaseIsDownIsAnsweredWithARefusalToSubmitAgainLater() throws Exception {
        AdviceWith.adviceWith(context, "local-submit", route -> {
            route.replaceFromWith("direct:local-submit");
            // The answer's address is chosen per submitter (the shared dispatch address, or a unit's own queue).
            route.weaveByType(org.apache.camel.model.ToDynamicDefinition.class).replace().to("mock:dispatch");
        });
        context.start();
        MockEndpoint dispatch = getMockEndpoint("mock:dispatch");
        dispatch.expectedMessageCount(1);

        template.sendBodyAndHeader("direct:local-submit", SUBMISSION, "JMSCorrelationID", "request-1");

        dispatch.assertIsSatisfied();
        JsonNode answer = new ObjectMapper().readTree(dispatch.getReceivedExchanges().get(0).getIn()
                .getBody(String.class));
        assertThat(answer.path("unavailable").asText()).isEqualTo("database");
        assertThat(answer.path("retryAfterSeconds").asInt()).isEqualTo(30);
        assertThat(answer.path("error").asText()).contains("nothing was stored or sent").contains("submit again");
        assertThat(answer.path("reason").asText()).contains("Connection refused");
        assertThat(dispatch.getReceivedExchanges().get(0).getIn().getHeader(LocalSubmitRoutes.RESULT_FOR))
                .isEqualTo("request-1");
    }
}
