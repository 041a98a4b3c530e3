package org.regionalexchange.node.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Each route step runs with the messageId of its exchange in the MDC, and leaves the MDC as it found it. */
class MessageLogInterceptorTest {

    final List<String> seen = new CopyOnWriteArrayList<>();

    @Test
    void aStepSeesTheHeadersMessageIdUntilARouteSetsTheOneItVerified() throws Exception {
        try (CamelContext camel = camel()) {
            ProducerTemplate template = camel.createProducerTemplate();

            template.sendBodyAndHeader("direct:in", "sealed", "rxMessageId", "claimed-id");

            assertThat(seen).containsExactly("claimed-id", "verified-id", "verified-id");
            assertThat(MDC.get(MessageLog.KEY)).isNull();
        }
    }

    @Test
    void anExchangeWithoutAMessageIdLeavesTheCallersMessageIdInPlace() throws Exception {
        try (CamelContext camel = camel(); MessageLog.Scope outer = MessageLog.about("outer-id")) {
            camel.createProducerTemplate().sendBody("direct:plain", "no id");

            assertThat(seen).containsExactly("outer-id");
            assertThat(MDC.get(MessageLog.KEY)).isEqualTo("outer-id");
        }
        assertThat(MDC.get(MessageLog.KEY)).isNull();
    }

    @Test
    void aNestedScopeRestoresTheOuterOne() {
        try (MessageLog.Scope outer = MessageLog.about("outer-id")) {
            try (MessageLog.Scope inner = MessageLog.about("receipt-id")) {
                assertThat(MessageLog.current()).isEqualTo("receipt-id");
            }
            assertThat(MessageLog.current()).isEqualTo("outer-id");
        }
        assertThat(MessageLog.current()).isNull();
    }

    private CamelContext camel() throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().addInterceptStrategy(new MessageLogInterceptor("rxMessageId"));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in")
                        .process(exchange -> seen.add(MDC.get(MessageLog.KEY)))
                        .setProperty(MessageLogInterceptor.PROPERTY, constant("verified-id"))
                        .process(exchange -> seen.add(MDC.get(MessageLog.KEY)))
                        .to("direct:next");
                from("direct:next")
                        .process(exchange -> seen.add(MDC.get(MessageLog.KEY)));
                from("direct:plain")
                        .process(exchange -> seen.add(MDC.get(MessageLog.KEY)));
            }
        });
        camel.start();
        return camel;
    }
}
