package org.regionalexchange.node.inbox;

import org.apache.camel.builder.RouteBuilder;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.logging.MessageLogInterceptor;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.outbox.DeliveryRoutes;

/**
 * The inbound pipeline. Each peer's inbox is consumed in a JMS transaction by concurrent consumers of its own;
 * relayed copies and receipts are queued inside that transaction, so each commits exactly when the inbox delivery
 * does, and only after the database has the record they vouch for. Every copy of a stored message is answered again; the local dispatch
 * happens once (see {@link LocalDispatcher}). Permanent failures end in quarantine (see {@link InboxErrorPolicy});
 * transient ones roll back and the broker redelivers with back-off.
 */
public final class InboxRoutes extends RouteBuilder {

    static final String VERIFY = "direct:inbox-verify";

    private final Relay relay;
    private final Acceptance acceptance;
    private final LocalDispatcher dispatcher;
    private final Receipts receipts;
    private final java.util.List<String> peers;
    private final int consumers;

    /**
     * @param peers each has an inbox of its own, consumed by consumers of its own
     * @param consumers concurrent consumers per peer inbox (node.delivery.inbox-consumers)
     */
    public InboxRoutes(Relay relay, Acceptance acceptance, LocalDispatcher dispatcher, Receipts receipts,
            java.util.Collection<String> peers, int consumers) {
        this.peers = java.util.List.copyOf(peers);
        this.consumers = consumers;
        this.relay = relay;
        this.acceptance = acceptance;
        this.dispatcher = dispatcher;
        this.receipts = receipts;
    }

    /** The route that takes one more peer's inbox, for a peer linked while the node runs. */
    public org.apache.camel.builder.RouteBuilder forPeer(String peer) {
        InboxRoutes routes = this;
        return new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                routes.receive(this, BrokerAddresses.inbox(peer), "inbox-receive-" + peer, consumers);
            }
        };
    }

    private void receive(String queue, String routeId, int concurrentConsumers) {
        receive(this, queue, routeId, concurrentConsumers);
    }

    private void receive(org.apache.camel.builder.RouteBuilder builder, String queue, String routeId,
            int concurrentConsumers) {
        // A rollback is logged by the route's error handling (InboxErrorPolicy, Acceptance for a message waiting for
        // its alert), not again by the JMS listener with a stack trace.
        builder.from(DeliveryRoutes.INTERNAL + ":queue:" + queue + "?transacted=true&concurrentConsumers="
                + concurrentConsumers + "&cacheLevelName=CACHE_CONSUMER"
                + "&errorHandlerLoggingLevel=DEBUG&errorHandlerLogStackTrace=false")
                .routeId(routeId)
                .routeConfigurationId(InboxErrorPolicy.ID)
                .process(new InboundReader())
                .filter(builder.method(relay, "relay"))
                .to(VERIFY);
    }

    @Override
    public void configure() {
        // One route per peer inbox, each with consumers of its own: a peer that floods its inbox keeps its own
        // consumers busy while every other peer's messages are taken by theirs, so the CPU and the database are
        // shared between peers rather than given in arrival order. The node's own inbox (copies released from
        // quarantine) has one consumer.
        for (String peer : peers) {
            receive(BrokerAddresses.inbox(peer), "inbox-receive-" + peer, consumers);
        }
        receive(BrokerAddresses.INBOX, "inbox-receive", 1);

        // Stored and audited durably first (accept), then dispatched once, then the receipt owed durably (sent by the
        // ReceiptBatcher, many messages to one receipt): nothing is acknowledged or receipted before it is durable.
        from(VERIFY).routeId("inbox-verify")
                .routeConfigurationId(InboxErrorPolicy.ID)
                .bean(acceptance, "open")
                // The verified messageId, not what the broker's copy claims, for the rest of the route's lines.
                .process(exchange -> exchange.setProperty(MessageLogInterceptor.PROPERTY,
                        exchange.getIn().getBody(OpenedMessage.class).messageId()))
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
