package org.regionalexchange.node.units;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import org.regionalexchange.node.store.CustomsUnits;

/** The dispatcher's side of the units: who gets a message, and the note of what each one was given. */
public final class UnitDispatch {

    private final UnitRegistry registry;
    private final UnitRouting routing;
    private final CustomsUnits store;
    private final Clock clock;

    public UnitDispatch(UnitRegistry registry, UnitRouting routing, CustomsUnits store, Clock clock) {
        this.registry = registry;
        this.routing = routing;
        this.store = store;
        this.clock = clock;
    }

    /**
     * The units that get this message, noted in the store before it is put on their queues, so an outcome report
     * for it is accepted from them.
     */
    public List<String> recipients(String messageId, JsonNode header, JsonNode document) {
        List<String> units = routing.recipients(registry.units(), header, document);
        store.dispatched(messageId, units, clock.instant());
        return units;
    }
}
