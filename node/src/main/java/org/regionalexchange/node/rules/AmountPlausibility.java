package org.regionalexchange.node.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.schemas.MessageKind;

/**
 * Amounts that cannot be true. The bounds are generous on purpose, well above the largest seizures on record, so
 * that they stop typing and unit errors (1e308 kg, grams entered as tonnes) and never a real report: a mass or
 * volume of at most {@link #MAX_KG} kg (1,000 tonnes) after conversion (a litre counted as a kilogram), a count of
 * at most {@link #MAX_COUNT} units, and a consignment's declared gross mass of at most {@link #MAX_GROSS_KG} kg
 * (500,000 tonnes, more than the largest ship carries).
 */
final class AmountPlausibility {

    static final double MAX_KG = 1_000_000;
    static final double MAX_COUNT = 100_000_000;
    static final double MAX_GROSS_KG = 500_000_000;

    /**
     * Kilograms per mass or volume unit of the defs schemas (1-1-0 adds ug and uL); every other unit is a count,
     * bounded by MAX_COUNT.
     */
    private static final Map<String, Double> KG_PER_UNIT = Map.of("ug", 1e-9, "mg", 1e-6, "g", 1e-3, "kg", 1.0,
            "t", 1e3, "uL", 1e-6, "mL", 1e-3, "L", 1.0);

    private static final Map<MessageKind, List<FieldPath>> QUANTITIES = Map.of(
            MessageKind.SEIZURE_NOTICE, List.of(new FieldPath("/items/*/quantity")),
            MessageKind.OUTCOME_REPORT, List.of(new FieldPath("/items/*/quantity")),
            MessageKind.PRE_ARRIVAL_WARNING, List.of(new FieldPath("/precursorShipment/quantity")));
    private static final FieldPath THRESHOLDS = new FieldPath("/thresholds/*");
    private static final FieldPath GROSS_MASS = new FieldPath("/goodsItems/*/grossMassKg");
    private static final FieldPath PACKAGES = new FieldPath("/goodsItems/*/packages");

    List<RuleViolation> check(MessageKind kind, JsonNode document) {
        List<RuleViolation> found = new ArrayList<>();
        for (FieldPath path : QUANTITIES.getOrDefault(kind, List.of())) {
            path.in(document, "/document").forEach(quantity -> quantity(quantity, found));
        }
        if (kind == MessageKind.LIST_ENTRY) {
            THRESHOLDS.in(document, "/document").forEach(threshold -> threshold(threshold, found));
        }
        if (kind == MessageKind.PRE_ARRIVAL_WARNING) {
            GROSS_MASS.in(document, "/document").forEach(mass -> bound(mass, MAX_GROSS_KG,
                    "kg of declared gross mass", found));
            PACKAGES.in(document, "/document").forEach(count -> bound(count, MAX_COUNT, "packages", found));
        }
        return found;
    }

    /** A quantity and the quantities inside it (content per unit, laboratory net mass). */
    private static void quantity(FieldPath.Found quantity, List<RuleViolation> found) {
        String unit = quantity.value().path("unit").asText();
        FieldPath.Found value = new FieldPath.Found(quantity.pointer() + "/value", quantity.value().path("value"));
        amount(value, unit, found);
        for (String inner : List.of("perUnit", "labNetMass")) {
            if (quantity.value().has(inner)) {
                quantity(new FieldPath.Found(quantity.pointer() + "/" + inner, quantity.value().get(inner)), found);
            }
        }
    }

    /** The bounds of the amount classes of a control list, in the threshold's mass unit. */
    private static void threshold(FieldPath.Found threshold, List<RuleViolation> found) {
        String unit = threshold.value().path("unit").asText();
        for (String band : List.of("small", "large", "especiallyLarge")) {
            JsonNode interval = threshold.value().path(band);
            String pointer = threshold.pointer() + "/" + band;
            for (String end : List.of("min", "max")) {
                if (interval.has(end)) {
                    amount(new FieldPath.Found(pointer + "/" + end, interval.get(end)), unit, found);
                }
            }
            if (interval.has("min") && interval.has("max")
                    && interval.get("min").asDouble() > interval.get("max").asDouble()) {
                found.add(implausible(pointer + "/max", "max " + interval.get("max").asText()
                        + " is below min " + interval.get("min").asText()));
            }
        }
    }

    private static void amount(FieldPath.Found value, String unit, List<RuleViolation> found) {
        Double kgPerUnit = KG_PER_UNIT.get(unit);
        if (kgPerUnit == null) {
            bound(value, MAX_COUNT, unit, found);
            return;
        }
        double amount = value.value().asDouble();
        if (!Double.isFinite(amount) || amount * kgPerUnit > MAX_KG) {
            found.add(implausible(value.pointer(), value.value().asText() + " " + unit
                    + " is more than the bound of 1,000 tonnes (" + (long) MAX_KG + " kg)"));
        }
    }

    private static void bound(FieldPath.Found value, double max, String what, List<RuleViolation> found) {
        double amount = value.value().asDouble();
        if (!Double.isFinite(amount) || amount > max) {
            found.add(implausible(value.pointer(), value.value().asText() + " " + what + " is more than the bound of "
                    + String.format(java.util.Locale.ROOT, "%,d", (long) max)));
        }
    }

    private static RuleViolation implausible(String pointer, String message) {
        return RuleViolation.of(RejectReason.IMPLAUSIBLE, pointer, message);
    }
}
