package org.regionalexchange.node.picture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.regionalexchange.node.outbox.InvalidSubmissionException;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.store.SightedSubstances;
import org.regionalexchange.node.store.SightedSubstances.Outcome;
import org.regionalexchange.node.store.SightedSubstances.Sighting;
import org.regionalexchange.node.units.Tlp;
import org.regionalexchange.schemas.MessageKind;

/**
 * The first-sighting rule: when a received seizure notice names a substance never seen in the region before, the
 * hub sends a {@code newSubstance} early-warning to every member, referencing the notice.
 *
 * <p>Seen before means named in an earlier seizure notice or early-warning alert this node received (or an alert it
 * sent), or in the seed list of substances the region knew before this node kept records. A control-list entry does
 * not count: a country often lists a substance before anyone has seized it. Matching is that of
 * {@link SubstanceNames}: the same Standard InChIKey, else the same normalised name or synonym; a notice that names a
 * known substance under a new synonym teaches the synonym, and fires nothing.
 *
 * <p>Each substance fires once: what was seen is kept in {@link SightedSubstances}, so a restart, a copy of the same
 * notice or the next notice of the substance sends nothing. Actual and exercise messages are kept apart (a drill
 * alerts as an exercise and never makes a real substance known); test messages are ignored.
 *
 * <p>The alert never travels further than the notice allowed: it carries the notice's own handling code, and a
 * notice marked above {@code automaticUpTo} (by default AMBER+STRICT and RED) sends nothing by itself: the
 * sighting is held for an analyst, who decides whether to warn the region.
 *
 * <p>Across crashes the alert is sent at least once: it is submitted before its sighting is written, so a crash
 * between the two sends it again when the notice is redelivered; so does a store that fails. An alert the submit
 * path refuses (it would be refused again) is held for the analyst with the refusal as the reason.
 */
public final class FirstSightings {

    /** The statuses a sighting is kept for; {@code test} messages are never acted on. */
    static final List<String> STATUSES = List.of("actual", "exercise");

    private final String self;
    private final SightedSubstances store;
    private final Clock clock;
    private final String automaticUpTo;
    private final Duration alertLifetime;
    private final Map<String, SubstanceNames> names = new HashMap<>();

    /**
     * @param self this node, the hub, which signs the alerts
     * @param automaticUpTo the most restrictive handling code of a notice whose first sighting is alerted by itself
     * @param alertLifetime how long an alert stays in force (its expiresAt)
     */
    public FirstSightings(String self, SightedSubstances store, Clock clock, String automaticUpTo,
            Duration alertLifetime) {
        if (!Tlp.isCode(automaticUpTo)) {
            throw new IllegalArgumentException("'" + automaticUpTo + "' is not a handling code " + Tlp.CODES);
        }
        this.self = self;
        this.store = store;
        this.clock = clock;
        this.automaticUpTo = automaticUpTo;
        this.alertLifetime = alertLifetime;
        load();
    }

    private synchronized void load() {
        names.clear();
        for (SightedSubstances.Name name : store.names()) {
            index(name.status()).remember(name.lookUp(), name.substance());
        }
        for (Sighting sighting : store.sightings()) {
            index(sighting.status()).label(sighting.substance(), sighting.preferredName());
        }
    }

    private SubstanceNames index(String status) {
        return names.computeIfAbsent(status, s -> new SubstanceNames());
    }

    /**
     * Takes in the substances the region knew before this node kept records, for actual and exercise messages
     * alike: each one not known yet is recorded as {@code KNOWN}, so it never fires.
     *
     * @param source where the list came from, for the record
     * @return how many substances were new
     */
    public synchronized int seed(List<JsonNode> substances, String source) {
        int added = 0;
        for (JsonNode substance : substances) {
            boolean newToTheRegion = false;
            for (String status : STATUSES) {
                newToTheRegion |= remember(status, substance, null, null, null, "seed", source, Outcome.KNOWN, null)
                        .isPresent();
            }
            if (newToTheRegion) {
                added++;
            }
        }
        return added;
    }

    /**
     * Learns from a message this node received and sends the alerts its new substances call for.
     *
     * @param submit the node's submit path; answers the alert's messageId once it is recorded
     * @return the first sightings this message made, in the order of its substances
     */
    public synchronized List<Sighting> onMessage(JsonNode header, JsonNode document,
            Function<Submission, String> submit) {
        String status = header.path("status").asText("actual");
        String kind = header.path("kind").asText();
        if (!STATUSES.contains(status)) {
            return List.of();
        }
        List<Sighting> firsts = new ArrayList<>();
        String messageId = header.path("messageId").asText();
        String sender = header.path("sender").asText();
        String handling = header.path("handling").asText("GREEN");
        if (kind.equals(MessageKind.SEIZURE_NOTICE.id())) {
            for (JsonNode item : document.path("items")) {
                JsonNode substance = item.path("substance");
                if (substance.isObject() && index(status).find(substance).isEmpty()) {
                    firsts.add(firstSeizure(status, header, document, substance, submit));
                } else if (substance.isObject()) {
                    remember(status, substance, messageId, sender, handling, kind, null, Outcome.KNOWN, null);
                }
            }
        } else if (kind.equals(MessageKind.EARLY_WARNING.id())) {
            for (JsonNode substance : document.path("substances")) {
                remember(status, substance, messageId, sender, handling, kind, "named first by an alert of "
                        + sender, Outcome.KNOWN, null).ifPresent(firsts::add);
            }
        }
        return firsts;
    }

    private Sighting firstSeizure(String status, JsonNode header, JsonNode document, JsonNode substance,
            Function<Submission, String> submit) {
        String messageId = header.path("messageId").asText();
        String sender = header.path("sender").asText();
        String handling = header.path("handling").asText("GREEN");
        String kind = header.path("kind").asText();
        if (!automatic(handling)) {
            return remember(status, substance, messageId, sender, handling, kind, "TLP:" + handling + " notice: no"
                    + " automatic alert above TLP:" + automaticUpTo + "; an analyst decides whether to warn the"
                    + " region", Outcome.HELD, null).orElseThrow();
        }
        String alertId;
        try {
            alertId = submit.apply(alert(status, header, document, substance));
        } catch (InvalidSubmissionException e) {
            // Sending it again would be refused again: the analyst gets the sighting and the reason instead.
            return remember(status, substance, messageId, sender, handling, kind, "the automatic alert was refused ("
                    + e.getMessage() + "); an analyst decides whether to warn the region", Outcome.HELD, null)
                    .orElseThrow();
        }
        return remember(status, substance, messageId, sender, handling, kind, null, Outcome.ALERTED, alertId)
                .orElseThrow();
    }

    /** Whether a notice of this handling may be alerted without an analyst. */
    boolean automatic(String handling) {
        return Tlp.isCode(handling) && Tlp.rank(handling) <= Tlp.rank(automaticUpTo);
    }

    /**
     * Learns a substance object; records its first sighting when it is new.
     *
     * @return its first sighting, when it was new
     */
    private Optional<Sighting> remember(String status, JsonNode substance, String messageId, String sender, String handling,
            String kind, String note, Outcome outcome, String alertId) {
        SubstanceNames index = index(status);
        Optional<String> known = index.find(substance);
        String key = known.orElse(SubstanceNames.newKey(substance));
        List<String> added = index.learn(substance, key);
        Sighting sighting = known.isPresent() ? null : new Sighting(status, key,
                substance.path("preferredName").asText(), kind, messageId, sender, handling, clock.instant(), outcome,
                alertId, note);
        if (sighting == null && added.isEmpty()) {
            return Optional.empty();
        }
        try {
            store.record(sighting, added.stream().map(lookUp -> new SightedSubstances.Name(status, lookUp, key))
                    .toList());
        } catch (RuntimeException e) {
            load(); // forget what was learned in memory, so the redelivered message finds it new again
            throw e;
        }
        return Optional.ofNullable(sighting);
    }

    /**
     * The alert for a substance first seen in a seizure notice: to the whole region, under the notice's handling
     * and status, naming the substance (synonyms as plain names, so every schema version reads it), where and when
     * it was seized, and the notice as its evidence.
     */
    Submission alert(String status, JsonNode header, JsonNode notice, JsonNode substance) {
        String name = substance.path("preferredName").asText();
        String country = notice.path("countryOfSeizure").asText(header.path("sender").asText());
        String date = notice.path("seizureDate").asText(header.path("createdAt").asText().substring(0, 10));
        String messageId = header.path("messageId").asText();
        String sender = header.path("sender").asText();
        List<String> names = SubstanceNames.lookUpKeys(substance);
        List<JsonNode> lab = new ArrayList<>();
        notice.path("items").forEach(item -> {
            if (SubstanceNames.lookUpKeys(item.path("substance")).stream().anyMatch(names::contains)) {
                lab.add(item.path("labAnalysis"));
            }
        });
        boolean confirmed = lab.stream().anyMatch(l -> l.path("status").asText().equals("confirmed"));
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("msgType", "alert").put("alertType", "newSubstance");
        document.putArray("capCategory").add("Health").add("Security");
        document.put("urgency", "Expected").put("severity", "Unknown").put("certainty", confirmed ? "Observed"
                : "Likely");
        document.putObject("headline").put("en", "First sighting in the region: " + name)
                .put("ru", "Впервые в регионе: " + name);
        String where = "seized on " + date + " in " + country;
        document.putObject("description")
                .put("en", name + " is reported in the region for the first time: seizure notice " + messageId
                        + " from " + sender + ", " + where + (confirmed ? ", laboratory confirmed" : "")
                        + ". Sent by " + self + " automatically; an analyst may update or cancel it.")
                .put("ru", name + " впервые сообщается в регионе: уведомление об изъятии " + messageId + " от "
                        + sender + ", изъято " + date + " (" + country + ")" + (confirmed ? ", подтверждено"
                        + " лабораторией" : "") + ". Отправлено " + self + " автоматически; аналитик может его"
                        + " обновить или отменить.");
        document.putObject("instruction").put("en", "Check recent seizures and laboratory results for " + name
                + " and report matches to " + self + ".").put("ru", "Проверьте недавние изъятия и результаты"
                + " экспертиз на " + name + " и сообщите о совпадениях в " + self + ".");
        document.putArray("substances").add(portable(substance));
        document.putObject("firstDetection").put("country", country).put("date", date).put("context", "seizure");
        document.putObject("area").putArray("countries").add(country);
        ObjectNode evidence = document.putObject("evidence");
        evidence.put("labConfirmed", confirmed);
        Set<String> methods = new java.util.LinkedHashSet<>();
        lab.forEach(l -> l.path("methods").forEach(m -> methods.add(m.asText())));
        if (!methods.isEmpty()) {
            methods.forEach(evidence.putArray("methods")::add);
        }
        evidence.putArray("seizureMessageIds").add(messageId);
        ObjectNode reference = JsonNodeFactory.instance.objectNode().put("messageId", messageId)
                .put("relation", "relatesTo").put("sender", sender);
        return new Submission(MessageKind.EARLY_WARNING.id(), List.of("REGIONAL"),
                header.path("handling").asText("GREEN"), document,
                List.of(reference), clock.instant().plus(alertLifetime), "en", status);
    }

    /** The substance as every schema version reads it: synonyms as plain names, no field of a later version. */
    static ObjectNode portable(JsonNode substance) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (String field : List.of("preferredName", "iupacName", "casRn", "inchiKey", "formula", "saltForm",
                "ewaGroup", "effectGroup", "candidate")) {
            if (substance.has(field)) {
                copy.set(field, substance.get(field));
            }
        }
        if (substance.has("synonyms")) {
            ArrayNode synonyms = copy.putArray("synonyms");
            substance.get("synonyms").forEach(s -> synonyms.add(s.isTextual() ? s.asText() : s.path("value")
                    .asText()));
        }
        if (substance.has("streetNames")) {
            copy.set("streetNames", substance.get("streetNames"));
        }
        return copy;
    }

    /**
     * Reads a seed list: a JSON array of substance objects, each with at least its preferredName.
     *
     * @throws IllegalArgumentException naming what is wrong and where
     */
    public static List<JsonNode> readSeed(java.nio.file.Path file) {
        JsonNode list;
        try {
            list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(file + " is not a JSON array of substance objects");
        }
        List<JsonNode> substances = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode substance = list.get(i);
            if (!substance.path("preferredName").isTextual() || substance.get("preferredName").asText().isBlank()) {
                throw new IllegalArgumentException(file + ": entry " + i + " has no preferredName");
            }
            substances.add(substance);
        }
        return substances;
    }

    /** Every first sighting recorded, oldest first. */
    public List<Sighting> sightings() {
        return store.sightings();
    }
}
