package org.regionalexchange.node.inbox;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.regionalexchange.node.failure.RejectedMessageException;
import org.regionalexchange.node.outbox.OutboxRoutes;
import org.regionalexchange.node.routing.UnreachableRecipientException;

/**
 * How inbound routes fail. A rejected message (bad crypto, trust, header, expiry, replay or schema) or a relay with
 * nowhere to go is permanent: it is quarantined and, when the sender is proven, answered with a rejected receipt,
 * and the inbox transaction commits. Anything else (database or broker unavailable) is not handled here, so the
 * transaction rolls back and the broker redelivers with back-off; so is an update waiting for its alert
 * ({@link ReferencePendingException}), which {@link Acceptance} has logged already in one line.
 */
public final class InboxErrorPolicy extends RouteConfigurationBuilder {

    public static final String ID = "inbox-errors";

    private final Rejections rejections;

    public InboxErrorPolicy(Rejections rejections) {
        this.rejections = rejections;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition errors = routeConfiguration(ID);
        errors.onException(RejectedMessageException.class, UnreachableRecipientException.class)
                    .handled(true)
                    .bean(rejections, "reject(${exception}, ${exchangeProperty." + InboundReader.INCOMING + "})")
                    .filter(body().isNotNull())
                        .to(OutboxRoutes.SUBMIT)
                    .end();
        errors.onException(ReferencePendingException.class)
                    .handled(false)
                    .logExhausted(false)
                    .logStackTrace(false);
    }
}
