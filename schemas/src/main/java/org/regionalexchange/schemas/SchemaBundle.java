package org.regionalexchange.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * One kind's schema as a single self-contained document: every reference to the shared definitions
 * ({@code defs/<version>}) copied into its own {@code $defs} under a {@code defs-} prefix and pointed at there. For
 * form builders and other readers that resolve only local references; validation keeps using the published files.
 */
public final class SchemaBundle {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PREFIX = "defs-";

    private SchemaBundle() {}

    /** The kind's schema of that version, its references to the shared definitions made local. */
    public static ObjectNode of(MessageKind kind, String version) {
        ObjectNode schema = (ObjectNode) read(kind.id() + "/" + version + "/schema.json");
        schema.remove("$schema");
        schema.remove("$id");
        JsonNode own = schema.remove("$defs");
        ObjectNode imported = JSON.createObjectNode();
        Inliner inliner = new Inliner(imported);
        inliner.rewrite(schema, false);
        ObjectNode defs = schema.putObject("$defs");
        if (own != null) {
            inliner.rewrite(own, false);
            defs.setAll((ObjectNode) own);
        }
        defs.setAll(imported);
        inlinePropertyNames(schema, defs);
        typeStringEnums(schema);
        return schema;
    }

    /**
     * Says {@code "type": "string"} where a list of values, all strings, stands without a type: the same set of
     * values, and a form builder then offers a plain choice instead of asking which type the value has.
     */
    private static void typeStringEnums(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode values = object.get("enum");
            if (values instanceof ArrayNode list && !object.has("type") && list.size() > 0) {
                boolean strings = true;
                for (JsonNode value : list) {
                    strings &= value.isTextual();
                }
                if (strings) {
                    object.put("type", "string");
                }
            }
            object.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("enum") && !field.getKey().equals("const")) {
                    typeStringEnums(field.getValue());
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(SchemaBundle::typeStringEnums);
        }
    }

    /**
     * Puts the definition itself where {@code propertyNames} refers to one (a language map's language tags), without
     * its type and description: some form builders resolve references only where a value's schema stands and read
     * only the constraints there.
     */
    private static void inlinePropertyNames(JsonNode node, ObjectNode defs) {
        if (node instanceof ObjectNode object) {
            JsonNode names = object.get("propertyNames");
            if (names instanceof ObjectNode named && named.size() == 1 && named.path("$ref").isTextual()
                    && named.get("$ref").asText().startsWith("#/$defs/")) {
                String key = named.get("$ref").asText().substring("#/$defs/".length());
                ObjectNode inlined = (ObjectNode) defs.path(key).deepCopy();
                // A property name is a string, and a description says nothing to a validator.
                inlined.remove(java.util.List.of("type", "description", "$comment"));
                object.set("propertyNames", inlined);
            }
            object.fields().forEachRemaining(field -> inlinePropertyNames(field.getValue(), defs));
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> inlinePropertyNames(item, defs));
        }
    }

    private static JsonNode read(String path) {
        try {
            return JSON.readTree(SchemaSource.resource(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites references and copies each shared definition it meets once. */
    private static final class Inliner {
        private final ObjectNode target;
        private final Map<String, JsonNode> defsFiles = new java.util.HashMap<>();

        Inliner(ObjectNode target) {
            this.target = target;
        }

        /** @param inDefs whether node comes from a defs file, whose local references are to its own definitions */
        void rewrite(JsonNode node, boolean inDefs) {
            if (node instanceof ObjectNode object) {
                JsonNode ref = object.get("$ref");
                if (ref != null && ref.isTextual()) {
                    object.put("$ref", local(ref.asText(), inDefs));
                }
                Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!field.getKey().equals("$ref")) {
                        rewrite(field.getValue(), inDefs);
                    }
                }
            } else if (node instanceof ArrayNode array) {
                array.forEach(item -> rewrite(item, inDefs));
            }
        }

        private String local(String ref, String version, String name) {
            String key = PREFIX + name;
            if (!target.has(key)) {
                JsonNode defs = defsFiles.computeIfAbsent(version, v -> read("defs/" + v + "/schema.json"));
                JsonNode definition = defs.path("$defs").path(name);
                if (definition.isMissingNode()) {
                    throw new IllegalStateException("defs/" + version + " has no definition " + name);
                }
                JsonNode copy = definition.deepCopy();
                target.set(key, copy);
                currentVersion = version;
                rewrite(copy, true);
            }
            return "#/$defs/" + key;
        }

        private String currentVersion;

        private String local(String ref, boolean inDefs) {
            String defsPrefix = SchemaCatalog.ID_PREFIX + "defs/";
            if (ref.startsWith(defsPrefix)) {
                String rest = ref.substring(defsPrefix.length());
                String version = rest.substring(0, rest.indexOf('/'));
                String name = rest.substring(rest.indexOf("#/$defs/") + "#/$defs/".length());
                return local(ref, version, name);
            }
            if (inDefs && ref.startsWith("#/$defs/")) {
                return local(ref, currentVersion, ref.substring("#/$defs/".length()));
            }
            return ref;
        }
    }
}
