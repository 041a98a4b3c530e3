package org.regionalexchange.node.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.regionalexchange.node.routing.NextHopResolver;

/**
 * Sends the copies already waiting for a neighbour whose direct link is down on through the hub, as new submissions
 * are (see {@link NextHopResolver#fallsBack}). The delivery route asks before each hand-over; a copy it diverts is
 * queued again in the hub's outbox with the same recipients, wire bytes and resend number, inside the route's
 * transaction, so it leaves the neighbour's outbox exactly when it enters the hub's. The listener records the new
 * next hop. Copies in the hub's own outbox are never moved back: they are on their way.
 */
public final class Diversion {

    private final NextHopResolver resolver;
    private final Consumer<List<HopCopy>> outbox;
    private final DeliveryListener listener;

    /**
     * @param outbox queues copies in the per-peer outboxes, joining the delivery route's transaction (see
     *     {@link OutboxWriter#enqueueCopies})
     */
    public Diversion(NextHopResolver resolver, Consumer<List<HopCopy>> outbox, DeliveryListener listener) {
        this.resolver = resolver;
        this.outbox = outbox;
        this.listener = listener;
    }

    /** Whether copies waiting for this hop go elsewhere now, instead of being handed to it. */
    public boolean appliesTo(String hop) {
        return resolver.fallsBack(hop);
    }

    /**
     * Queues the copy again through the hops planned for its recipients now, when that is not its own hop any more.
     *
     * @return the new copies, or none when the copy should be handed to its hop after all (the link came back)
     */
    public List<HopCopy> divert(HopCopy waiting) {
        Map<String, List<String>> plan = resolver.plan(waiting.deliverTo());
        if (plan.isEmpty() || plan.keySet().equals(Set.of(waiting.hop()))) {
            return List.of();
        }
        List<HopCopy> copies = new ArrayList<>();
        plan.forEach((hop, deliverTo) -> copies.add(new HopCopy(hop, waiting.messageId(), waiting.sender(),
                deliverTo, waiting.wire(), waiting.resend())));
        outbox.accept(copies);
        listener.diverted(waiting, copies);
        return copies;
    }
}
