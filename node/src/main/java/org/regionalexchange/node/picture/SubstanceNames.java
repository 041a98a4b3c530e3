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

    private final Map<String, String> byInchiKey = new HashMap<>();
    private final Map<String, String> byName = new HashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();

    /**
     * The key of the substance a {@code substance} object names, learning its InChIKey and synonyms.
     *
     * @return a stable key for the computation, e.g. {@code alphapvp}
     */
    public String key(JsonNode substance) {
        String name = substance.path("preferredName").asText();
        Optional<String> known = find(substance);
        String key = known.orElse(normalise(name));
        labels.putIfAbsent(key, name);
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

    /** The preferred name first seen for a key. */
    public String label(String key) {
        return labels.getOrDefault(key, key);
    }

    private void learn(JsonNode substance, String key) {
        String inchiKey = substance.path("inchiKey").asText("");
        if (!inchiKey.isEmpty()) {
            byInchiKey.putIfAbsent(inchiKey, key);
        }
        for (String name : names(substance)) {
            byName.putIfAbsent(normalise(name), key);
        }
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
