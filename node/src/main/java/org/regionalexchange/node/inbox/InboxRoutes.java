package org.regionalexchange.node.inbox;

import org.apache.camel.builder.RouteBuilder;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.outbox.DeliveryRoutes;

/**
 * The inbound pipeline. The inbox is consumed in a JMS transaction by several concurrent consumers; relayed copies and
 * receipts are queued inside that transaction, so each commits exactly when the inbox delivery does, and only after
 * the database has the record they vouch for. Every copy of a stored message is answered again; the local dispatch
 * happens once (see {@link LocalDispatcher}). Permanent failures end in quarantine (see {@link InboxErrorPolicy});
 * transient ones roll back and the broker redelivers with back-off.
 */
public final class InboxRoutes extends RouteBuilder {

    static final String VERIFY = "direct:inbox-verify";

    private final Relay relay;
    private final Acceptance acceptance;
    private final LocalDispatcher dispatcher;
    private final Receipts receipts;
    private final int consumers;

    /** @param consumers concurrent inbox consumers (node.delivery.inbox-consumers) */
    public InboxRoutes(Relay relay, Acceptance acceptance, LocalDispatcher dispatcher, Receipts receipts,
            int consumers) {
        this.consumers = consumers;
        this.relay = relay;
        this.acceptance = acceptance;
        this.dispatcher = dispatcher;
        this.receipts = receipts;
    }

    @Override
    public void configure() {
        from(DeliveryRoutes.INTERNAL + ":queue:" + BrokerAddresses.INBOX
                + "?transacted=true&concurrentConsumers=" + consumers + "&cacheLevelName=CACHE_CONSUMER")
                .routeId("inbox-receive")
                .routeConfigurationId(InboxErrorPolicy.ID)
                .process(new InboundReader())
                .filter(method(relay, "relay"))
                .to(VERIFY);

        // Stored and audited durably first (accept), then dispatched once, then the receipt owed durably (sent by the
        // ReceiptBatcher, many messages to one receipt): nothing is acknowledged or receipted before it is durable.
        from(VERIFY).routeId("inbox-verify")
                .routeConfigurationId(InboxErrorPolicy.ID)
                .bean(acceptance, "open")
                .bean(acceptance, "accept(${body}, ${exchangeProperty." + InboundReader.INCOMING + "})")
                .choice()
                    .when(simple("${body.isReceipt()}"))
                        .bean(receipts, "apply")
                    .otherwise()
                        .bean(dispatcher, "dispatch")
                        .bean(receipts, "owe")
                .end();
    }
}
