package org.regionalexchange.node.picture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Function;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.outbox.OutboxRoutes;
import org.regionalexchange.node.outbox.Submission;

/**
 * Feeds {@link FirstSightings} with the seizure notices and early-warnings this node receives, from a durable queue
 * of their own on the local dispatch address ({@link BrokerAddresses#FIRST_SIGHTING}): a notice dispatched before a
 * crash is still there after it, and one whose alert failed is redelivered (with the dispatch address's backoff,
 * never dropped). One consumer, in order of arrival.
 */
public final class FirstSightingRoutes extends RouteBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String internal;
    private final FirstSightings sightings;

    /** @param internal the JMS component of this node's own broker */
    public FirstSightingRoutes(String internal, FirstSightings sightings) {
        this.internal = internal;
        this.sightings = sightings;
    }

    @Override
    public void configure() {
        ProducerTemplate template = getContext().createProducerTemplate();
        Function<Submission, String> submit = submission -> {
            try {
                return template.requestBody(OutboxRoutes.SUBMIT, submission, String.class);
            } catch (org.apache.camel.CamelExecutionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        };
        from(internal + ":queue:" + BrokerAddresses.LOCAL_DISPATCH + "::" + BrokerAddresses.FIRST_SIGHTING
                + "?transacted=true&concurrentConsumers=1")
                .routeId("first-sighting")
                .convertBodyTo(String.class)
                .process(exchange -> {
                    JsonNode dispatched = JSON.readTree(exchange.getIn().getBody(String.class));
                    sightings.onMessage(dispatched.path("header"), dispatched.path("document"), submit);
                });
    }
}
