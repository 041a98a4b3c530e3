package org.regionalexchange.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.regionalexchange.node.store.CustomsUnits;
import org.regionalexchange.node.store.RecipientStatus;
import org.regionalexchange.node.store.SentMessages;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaBundle;
import org.regionalexchange.schemas.SchemaCatalog;

/**
 * What a user's own screen needs from the API beside the rest: who they are, what this node sent, the schema of a
 * kind to build a form from, and a customs unit's acknowledgement of a warning for its crossing point.
 */
public final class UserDesk {

    private final String node;
    private final String hub;
    private final SentMessages sent;
    private final CustomsUnits units;
    private final SchemaCatalog catalog;
    private final Clock clock;

    public UserDesk(String node, String hub, SentMessages sent, CustomsUnits units, SchemaCatalog catalog,
            Clock clock) {
        this.node = node;
        this.hub = hub;
        this.sent = sent;
        this.units = units;
        this.catalog = catalog;
        this.clock = clock;
    }

    public String me(ApiUser user) {
        return NodeApi.write(new MeBody(user.name(), user.roles().stream().map(Role::id).sorted().toList(),
                user.units().stream().sorted().toList(), node, hub));
    }

    /** @throws ApiProblem 400 for an unknown kind or a limit out of range */
    public String sent(String kind, String limit) {
        if (kind != null) {
            kind(kind);
        }
        List<SentMessages.Recent> recent = sent.recent(kind, NodeApi.limit(limit));
        Map<String, List<RecipientStatus>> statuses = sent.statusesOf(recent.stream()
                .map(SentMessages.Recent::messageId).toList());
        List<SentItem> items = new ArrayList<>();
        for (SentMessages.Recent message : recent) {
            items.add(new SentItem(message.messageId(), message.kind(), message.createdAt().toString(),
                    message.handling(), statuses.get(message.messageId()).stream().map(RecipientRow::of).toList()));
        }
        return NodeApi.write(items);
    }

    /** The newest schema of a kind, self-contained, for a form builder. */
    public String schema(String kind) {
        MessageKind known = kind(kind);
        ObjectNode schema = SchemaBundle.of(known, catalog.currentVersion(known));
        schema.put("x-version", catalog.currentVersion(known));
        return schema.toString();
    }

    /**
     * A customs unit's acknowledgement of a warning put on its queue: noted as the unit's client would, once.
     *
     * @throws ApiProblem 404 when no warning of that id went to one of the user's crossing points
     */
    public String acknowledge(ApiUser user, String messageId) {
        for (String unit : user.units().stream().sorted().toList()) {
            Optional<CustomsUnits.Delivery> delivery = units.delivery(unit, messageId);
            if (delivery.isPresent()) {
                units.acknowledged(unit, messageId, clock.instant());
                CustomsUnits.Delivery now = units.delivery(unit, messageId).orElseThrow();
                return NodeApi.write(new UnitDeliveryItem(now.unit(), now.messageId(), now.dispatchedAt().toString(),
                        now.acknowledgedAt() == null ? null : now.acknowledgedAt().toString()));
            }
        }
        throw ApiProblem.notFound("no warning " + messageId + " was put on the queue of " + String.join(", ",
                user.units()) + " (registered customs units get what is dispatched for their crossing points)");
    }

    private static MessageKind kind(String kind) {
        try {
            return MessageKind.fromId(kind);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("", e.getMessage());
        }
    }
}
