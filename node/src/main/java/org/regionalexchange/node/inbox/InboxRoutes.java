package org.regionalexchange.node.inbox;

import org.apache.camel.builder.RouteBuilder;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.outbox.DeliveryRoutes;
import org.regionalexchange.node.outbox.OutboxRoutes;

/**
 * The inbound pipeline. The inbox is consumed in a JMS transaction by two concurrent consumers; relayed copies,
 * local dispatch and receipts are queued inside that transaction, so each commits exactly when the inbox delivery
 * does. Permanent failures end in quarantine (see {@link InboxErrorPolicy}); transient ones roll back and the
 * broker redelivers with back-off.
 */
public final class InboxRoutes extends RouteBuilder {

    static final String VERIFY = "direct:inbox-verify";

    private final Relay relay;
    private final Acceptance acceptance;
    private final LocalDispatcher dispatcher;
    private final Receipts receipts;

    public InboxRoutes(Relay relay, Acceptance acceptance, LocalDispatcher dispatcher, Receipts receipts) {
        this.relay = relay;
        this.acceptance = acceptance;
        this.dispatcher = dispatcher;
        this.receipts = receipts;
    }

    @Override
    public void configure() {
        from(DeliveryRoutes.INTERNAL + ":queue:" + BrokerAddresses.INBOX
                + "?transacted=true&concurrentConsumers=2&cacheLevelName=CACHE_CONSUMER")
                .routeId("inbox-receive")
                .routeConfigurationId(InboxErrorPolicy.ID)
                .process(new InboundReader())
                .filter(method(relay, "relay"))
                .to(VERIFY);

        from(VERIFY).routeId("inbox-verify")
                .routeConfigurationId(InboxErrorPolicy.ID)
                .bean(acceptance, "open")
                .bean(acceptance, "accept(${body}, ${exchangeProperty." + InboundReader.INCOMING + "})")
                .choice()
                    .when(simple("${body.duplicate()}"))
                        .log("duplicate ${body.message().messageId()} dropped after audit")
                    .when(simple("${body.isReceipt()}"))
                        .bean(receipts, "apply")
                    .otherwise()
                        .bean(dispatcher, "dispatch")
                        .bean(receipts, "delivered")
                        .to(OutboxRoutes.SUBMIT)
                .end();
    }
}
