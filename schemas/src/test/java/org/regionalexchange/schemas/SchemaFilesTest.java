package org.regionalexchange.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules every schema file keeps so that any 2020-12 validator gives the same answers and readers are served. */
class SchemaFilesTest {

    static final Set<String> STANDARD_KEYWORDS = Set.of("$schema", "$id", "$ref", "$defs", "$comment", "title",
            "description", "type", "enum", "const", "properties", "required", "additionalProperties",
            "unevaluatedProperties", "items", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength",
            "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "anyOf", "allOf",
            "oneOf", "not", "if", "then", "else", "minProperties", "maxProperties", "propertyNames", "default");

    static Stream<String> names() {
        return Stream.concat(Stream.of("defs"), ExampleFiles.NAMES.stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void hasAStableVersionedIdAndATitle(String name) {
        JsonNode schema = read(name);
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(SchemaCatalog.schemaId(name));
        assertThat(schema.path("title").asText()).isNotBlank();
        assertThat(schema.path("description").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyObjectIsClosedAndEveryPropertyDescribed(String name) {
        // Conditional subschemas (if/then/else/not) only restate properties defined, and described, above.
        List<String> problems = new ArrayList<>();
        walk(read(name), "", problems);
        assertThat(problems).isEmpty();
    }

    private static void walk(JsonNode node, String path, List<String> problems) {
        if (node.isObject()) {
            boolean conditional = path.matches(".*/(if|then|else|not)(/.*)?");
            if (!conditional && node.path("type").asText().equals("object") && !node.has("additionalProperties")
                    && !node.has("unevaluatedProperties")) {
                problems.add(path + ": object is not closed");
            }
            if (node.path("additionalProperties").isBoolean() && node.get("additionalProperties").asBoolean()) {
                problems.add(path + ": additionalProperties true");
            }
            node.path("properties").fields().forEachRemaining(property -> {
                if (!conditional && !property.getValue().has("description")) {
                    problems.add(path + "/properties/" + property.getKey() + ": no description");
                }
            });
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                boolean isNameMap = field.getKey().equals("properties") || field.getKey().equals("$defs");
                if (!isNameMap && !STANDARD_KEYWORDS.contains(field.getKey())) {
                    problems.add(path + ": non-standard keyword " + field.getKey());
                }
                if (isNameMap) {
                    field.getValue().fields().forEachRemaining(entry -> walk(entry.getValue(),
                            path + "/" + field.getKey() + "/" + entry.getKey(), problems));
                } else {
                    walk(field.getValue(), path + "/" + field.getKey(), problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, problems);
            }
        }
    }

    private static JsonNode read(String name) {
        return ExampleFiles.read(Path.of("json", name, SchemaCatalog.CURRENT_VERSION, "schema.json"));
    }
}
