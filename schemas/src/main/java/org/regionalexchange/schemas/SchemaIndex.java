package org.regionalexchange.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * {@code versions.json}, the index of the schema folders: each schema name with its published versions. The catalog
 * compiles what it lists; a test keeps it equal to the folders, so a new version is one folder plus one index line.
 */
final class SchemaIndex {

    static final String FILE = "versions.json";

    private SchemaIndex() {}

    /** Schema name to its versions, ascending. */
    static Map<String, List<SchemaVersion>> read() {
        return parse(SchemaSource.resource(FILE));
    }

    static Map<String, List<SchemaVersion>> parse(byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException(FILE + " must be an object of schema name to versions");
        }
        Map<String, List<SchemaVersion>> index = new TreeMap<>();
        root.fields().forEachRemaining(entry -> {
            List<SchemaVersion> versions = new ArrayList<>();
            entry.getValue().forEach(version -> versions.add(SchemaVersion.parse(version.asText())));
            Collections.sort(versions);
            index.put(entry.getKey(), List.copyOf(versions));
        });
        return Collections.unmodifiableMap(index);
    }

    /** The versions of one schema that pass the filter, ascending; at least one, or the catalog cannot serve it. */
    static List<SchemaVersion> versions(Map<String, List<SchemaVersion>> index, String name,
            Predicate<SchemaVersion> known) {
        List<SchemaVersion> listed = index.getOrDefault(name, List.of());
        List<SchemaVersion> versions = listed.stream().filter(known).toList();
        if (versions.isEmpty()) {
            throw new IllegalArgumentException(listed.isEmpty()
                    ? FILE + " lists no version of " + name + ": add its folders' versions"
                    : "no version of " + name + " is within the requested release; it has "
                            + String.join(", ", listed.stream().map(SchemaVersion::toString).toList()));
        }
        return versions;
    }
}
