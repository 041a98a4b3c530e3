package org.regionalexchange.node.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The messages of the rule tests: headers, the shared schema examples, and KG's store, at a fixed clock. */
final class RuleFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final List<String> REGION = List.of("CARICC", "KZ", "KG", "TJ", "TM", "UZ");
    static final String KZ_ALERT = "11111111-2222-4333-8444-555555555555";
    static final String KG_ALERT = "22222222-2222-4333-8444-555555555555";
    static final String KZ_SEIZURE = "33333333-2222-4333-8444-555555555555";

    /** KG's store: an alert from KZ and a seizure notice from KZ received, an alert of its own sent. */
    static final KnownMessages KYRGYZ_STORE = id -> Optional.ofNullable(Map.of(
            KZ_ALERT, new KnownMessages.Known("early-warning", "KZ"),
            KZ_SEIZURE, new KnownMessages.Known("seizure-notice", "KZ"),
            KG_ALERT, new KnownMessages.Known("early-warning", "KG")).get(id));

    private RuleFixtures() {}

    static MessageRules rulesOf(String self) {
        return new MessageRules(self, REGION, CLOCK, Duration.ofMinutes(5), KYRGYZ_STORE);
    }

    static ObjectNode header(String sender, String kind, String recipient) {
        ObjectNode header = JSON.createObjectNode().put("messageId", UUID.randomUUID().toString()).put("kind", kind)
                .put("schemaVersion", "1-0-0").put("status", "actual").put("sender", sender);
        header.putArray("recipients").add(recipient);
        header.put("createdAt", NOW.minusSeconds(30).toString()).put("expiresAt", NOW.plus(Duration.ofDays(30))
                .toString()).put("handling", "AMBER").put("language", "en");
        return header;
    }

    static ObjectNode seizure() {
        return example("seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json");
    }

    static ObjectNode seizure(double value, String unit) {
        ObjectNode seizure = seizure();
        ObjectNode quantity = (ObjectNode) seizure.get("items").get(0).get("quantity");
        quantity.removeAll();
        quantity.put("value", value).put("unit", unit);
        return seizure;
    }

    static ObjectNode update(String alert) {
        ObjectNode update = example("early-warning/1-0-0/kz-cannabinoids-postal-route-update.json");
        ((ObjectNode) update.get("references").get(0)).put("messageId", alert);
        return update;
    }

    static ObjectNode cancel(String alert) {
        ObjectNode cancel = example("early-warning/1-0-0/uz-tesla-tablets-cancel.json");
        ((ObjectNode) cancel.get("references").get(0)).put("messageId", alert);
        return cancel;
    }

    static ObjectNode example(String path) {
        try {
            return (ObjectNode) JSON.readTree(Path.of("..", "schemas", "examples", "valid").resolve(path).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
