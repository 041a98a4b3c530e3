package org.regionalexchange.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.regionalexchange.node.store.CustomsUnits;
import org.regionalexchange.node.units.UnitRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/units}: an admin registers customs units (each gets a queue of its own and a broker password,
 * shown once), lists and removes them; an auditor or admin sees what was put on a unit's queue and whether it was
 * taken.
 */
public final class UnitAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(UnitAccounts.class);

    private final UnitRegistry registry;
    private final CustomsUnits store;

    public UnitAccounts(UnitRegistry registry, CustomsUnits store) {
        this.registry = registry;
        this.store = store;
    }

    public String list() {
        return NodeApi.write(registry.units().stream().map(unit -> body(unit, null)).toList());
    }

    /** @throws ApiProblem 400 naming the field that is wrong */
    public String register(String json, ApiUser admin) {
        JsonNode body = RequestBodies.object(json, "{name, crossingPoints, kinds?, organisation?, clearance?}");
        UnitRegistry.Registered registered;
        try {
            registered = registry.register(body.path("name").asText(null),
                    RequestBodies.texts(body, "crossingPoints"), RequestBodies.texts(body, "kinds"),
                    body.path("organisation").asText(null), body.path("clearance").asText(null));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String field = message.contains(":") ? message.substring(0, message.indexOf(':')) : "";
            throw ApiProblem.badRequest(field.matches("[a-zA-Z]+") ? "/" + field : "", message);
        }
        LOG.info("customs unit {} registered or replaced by {}", registered.unit().name(), admin.name());
        return NodeApi.write(body(registered.unit(), new String(registered.password())));
    }

    /** @throws ApiProblem 404 when there is no such unit */
    public String remove(String name, ApiUser admin) {
        if (!registry.remove(name)) {
            throw ApiProblem.notFound("no customs unit " + name);
        }
        LOG.info("customs unit {} removed by {}", name, admin.name());
        return NodeApi.write(new ActionDone("removed", "customs unit " + name + " and its queue", admin.name()));
    }

    /** What was put on the unit's queue, newest first, and when it took each. */
    public String deliveries(String name, String limit) {
        if (registry.find(name).isEmpty()) {
            throw ApiProblem.notFound("no customs unit " + name);
        }
        int most;
        try {
            most = limit == null ? 100 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("", "query parameter limit: '" + limit + "' is not a number from 1 to 500");
        }
        if (most < 1 || most > 500) {
            throw ApiProblem.badRequest("", "query parameter limit: " + most + " is not from 1 to 500");
        }
        return NodeApi.write(store.deliveries(name, most).stream().map(d -> new UnitDeliveryItem(d.unit(),
                d.messageId(), d.dispatchedAt().toString(), d.acknowledgedAt() == null ? null
                        : d.acknowledgedAt().toString())).toList());
    }

    private static UnitBody body(CustomsUnits.Unit unit, String password) {
        return new UnitBody(unit.name(), unit.crossingPoints(), unit.kinds(), unit.organisation(), unit.clearance(),
                UnitRegistry.queue(unit.name()), unit.registeredAt().toString(), password);
    }

}
