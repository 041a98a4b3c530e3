package org.regionalexchange.node.picture;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which substance a document names, across the spellings members use: the same Standard InChIKey is the same
 * substance; otherwise names match once normalised (case, Greek alpha written out, spaces, hyphens and punctuation
 * dropped), and a synonym seen with a name joins it. Each substance is known by the first preferred name seen for it.
 * Not thread-safe: one instance serves one computation.
 */
public final class SubstanceNames {

    private static final String INCHIKEY = "inchikey:";
    private static final String NAME = "name:";

    private final Map<String, String> byInchiKey = new HashMap<>();
    private final Map<String, String> byName = new HashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();

    /**
     * The key of the substance a {@code substance} object names, learning its InChIKey and synonyms.
     *
     * @return a stable key for the computation, e.g. {@code alphapvp}
     */
    public String key(JsonNode substance) {
        String key = find(substance).orElse(newKey(substance));
        learn(substance, key);
        return key;
    }

    /** The key a substance object would have, without learning anything from it; empty when never seen. */
    public Optional<String> find(JsonNode substance) {
        String inchiKey = substance.path("inchiKey").asText("");
        if (!inchiKey.isEmpty() && byInchiKey.containsKey(inchiKey)) {
            return Optional.of(byInchiKey.get(inchiKey));
        }
        for (String name : names(substance)) {
            String key = byName.get(normalise(name));
            if (key != null) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** The key of a substance known by this name or synonym; empty when never seen. */
    public Optional<String> find(String name) {
        return Optional.ofNullable(byName.get(normalise(name)));
    }

    /**
     * Learns what a substance object adds to a key already known (or a new key): its InChIKey and names.
     *
     * @return the look-up keys that were new, as {@link #lookUpKeys} spells them, for a caller that keeps them
     */
    public java.util.List<String> learn(JsonNode substance, String key) {
        labels.putIfAbsent(key, substance.path("preferredName").asText(key));
        java.util.List<String> added = new java.util.ArrayList<>();
        for (String lookUp : lookUpKeys(substance)) {
            if (remember(lookUp, key)) {
                added.add(lookUp);
            }
        }
        return added;
    }

    /**
     * Takes back a look-up key kept from an earlier {@link #learn}, so that a name is matched as before.
     *
     * @return false when the look-up key already named a substance (the first one stays)
     */
    public boolean remember(String lookUpKey, String key) {
        if (lookUpKey.startsWith(INCHIKEY)) {
            return byInchiKey.putIfAbsent(lookUpKey.substring(INCHIKEY.length()), key) == null;
        }
        if (lookUpKey.startsWith(NAME)) {
            return byName.putIfAbsent(lookUpKey.substring(NAME.length()), key) == null;
        }
        throw new IllegalArgumentException("'" + lookUpKey + "' is not a look-up key (" + INCHIKEY + "... or "
                + NAME + "...)");
    }

    /** Sets the name shown for a key, unless it has one. */
    public void label(String key, String preferredName) {
        labels.putIfAbsent(key, preferredName);
    }

    /**
     * Everything a substance object can be matched by, in the order matching tries them: {@code inchikey:} and the
     * Standard InChIKey, then {@code name:} and each normalised name and synonym.
     */
    public static java.util.List<String> lookUpKeys(JsonNode substance) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        String inchiKey = substance.path("inchiKey").asText("");
        if (!inchiKey.isEmpty()) {
            keys.add(INCHIKEY + inchiKey);
        }
        for (String name : names(substance)) {
            String normalised = NAME + normalise(name);
            if (!keys.contains(normalised)) {
                keys.add(normalised);
            }
        }
        return keys;
    }

    /** The key a new substance gets: its normalised preferred name. */
    public static String newKey(JsonNode substance) {
        return normalise(substance.path("preferredName").asText());
    }

    /** The preferred name first seen for a key. */
    public String label(String key) {
        return labels.getOrDefault(key, key);
    }


    /** The preferred name and every synonym, whether a plain string (1-0-0) or an object with its value (1-1-0). */
    private static java.util.List<String> names(JsonNode substance) {
        java.util.List<String> names = new java.util.ArrayList<>();
        names.add(substance.path("preferredName").asText());
        substance.path("synonyms").forEach(synonym -> names.add(synonym.isTextual() ? synonym.asText()
                : synonym.path("value").asText()));
        names.removeIf(String::isBlank);
        return names;
    }

    /** Lower case, alpha for the Greek letter, without spaces, hyphens, commas, brackets or primes. */
    static String normalise(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace("α", "alpha").replace("β", "beta");
        return folded.replaceAll("[\\s\\-,()\\[\\]'′’.]", "");
    }
}
