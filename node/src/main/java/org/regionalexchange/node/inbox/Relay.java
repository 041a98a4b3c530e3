package org.regionalexchange.node.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.regionalexchange.node.outbox.HopCopy;
import org.regionalexchange.node.outbox.OutboxWriter;
import org.regionalexchange.node.routing.NextHopResolver;

/**
 * Forwards an envelope unchanged towards the recipients it carries other than this node. A relay cannot read what
 * it forwards unless it is itself a recipient; the final receiver checks the clear header against the signed one.
 */
public final class Relay {

    private final String self;
    private final NextHopResolver resolver;
    private final OutboxWriter outbox;
    private final InboundLedger ledger;

    public Relay(String self, NextHopResolver resolver, OutboxWriter outbox, InboundLedger ledger) {
        this.self = self;
        this.resolver = resolver;
        this.outbox = outbox;
        this.ledger = ledger;
    }

    /** Relays what is meant for others and tells whether this node is itself among the recipients. */
    public boolean relay(Incoming incoming) {
        List<String> others = incoming.deliverTo().stream().filter(r -> !r.equals(self)).toList();
        if (!others.isEmpty()) {
            List<HopCopy> copies = new ArrayList<>();
            for (Map.Entry<String, List<String>> hop : resolver.plan(others).entrySet()) {
                copies.add(new HopCopy(hop.getKey(), incoming.messageId(), incoming.sender(), hop.getValue(),
                        incoming.wire(), incoming.resend()));
            }
            outbox.enqueueCopies(copies);
            ledger.relayed(incoming, copies);
        }
        return incoming.deliverTo().isEmpty() || incoming.deliverTo().contains(self);
    }
}
