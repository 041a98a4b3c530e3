package org.regionalexchange.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules every schema file keeps so that any 2020-12 validator gives the same answers and readers are served. */
class SchemaFilesTest {

    static final Set<String> STANDARD_KEYWORDS = Set.of("$schema", "$id", "$ref", "$defs", "$comment", "title",
            "description", "type", "enum", "const", "properties", "required", "additionalProperties",
            "unevaluatedProperties", "items", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength",
            "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "anyOf", "allOf",
            "oneOf", "not", "if", "then", "else", "minProperties", "maxProperties", "propertyNames", "default");

    static Stream<Arguments> schemas() {
        return Stream.concat(Stream.of("defs"), ExampleFiles.NAMES.stream())
                .flatMap(name -> ExampleFiles.versions(name).stream().map(version -> Arguments.of(name, version)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("schemas")
    void hasAStableVersionedIdAndATitle(String name, String version) {
        JsonNode schema = ExampleFiles.schema(name, version);
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("$id").asText()).isEqualTo(SchemaCatalog.schemaId(name, version));
        assertThat(schema.path("title").asText()).isNotBlank();
        assertThat(schema.path("description").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("schemas")
    void refersOnlyToTheDefinitionsOfItsOwnVersion(String name, String version) {
        List<String> foreign = new ArrayList<>();
        collect(ExampleFiles.schema(name, version), "$ref", foreign);
        foreign.removeIf(ref -> ref.startsWith("#/") || ref.startsWith(SchemaCatalog.schemaId("defs", version) + "#"));
        assertThat(foreign).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("schemas")
    void everyObjectIsClosedAndEveryPropertyDescribed(String name, String version) {
        // Conditional subschemas (if/then/else/not) only restate properties defined, and described, above.
        List<String> problems = new ArrayList<>();
        walk(ExampleFiles.schema(name, version), "", problems);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("schemas")
    void keepsEveryMemberOfTheVersionBeforeItInTheSameModel(String name, String version) {
        // Within a MODEL nothing is removed or renamed; that would be a new MODEL.
        List<String> versions = ExampleFiles.versions(name);
        int at = versions.indexOf(version);
        if (at == 0 || !SchemaVersion.parse(versions.get(at - 1)).sameModel(SchemaVersion.parse(version))) {
            return;
        }
        Set<String> before = members(ExampleFiles.schema(name, versions.get(at - 1)));
        assertThat(members(ExampleFiles.schema(name, version))).containsAll(before);
    }

    @Test
    void theIndexListsEveryVersionFolderAscending() throws IOException {
        Map<String, List<String>> folders = new LinkedHashMap<>();
        try (Stream<Path> names = Files.list(ExampleFiles.SCHEMAS)) {
            names.filter(Files::isDirectory).map(folder -> folder.getFileName().toString()).sorted()
                    .forEach(name -> folders.put(name, ExampleFiles.versions(name)));
        }
        JsonNode index = ExampleFiles.read(ExampleFiles.SCHEMAS.resolve("versions.json"));
        Map<String, List<String>> listed = new LinkedHashMap<>();
        index.fields().forEachRemaining(entry -> listed.put(entry.getKey(),
                StreamSupport.stream(entry.getValue().spliterator(), false).map(JsonNode::asText).toList()));

        assertThat(listed).containsExactlyEntriesOf(folders);
    }

    @Test
    void thresholdUnitsAreTheMassAndVolumeCodesOfTheUnitList() {
        JsonNode defs = ExampleFiles.schema("defs", "1-1-0").path("$defs");
        List<String> units = texts(defs.path("unit").path("enum"));
        List<String> massOrVolume = texts(defs.path("massOrVolumeUnit").path("enum"));

        assertThat(units).doesNotHaveDuplicates().startsWith(massOrVolume.toArray(String[]::new));
        assertThat(units).containsAll(texts(ExampleFiles.schema("defs", "1-0-0").path("$defs")
                .path("countUnit").path("enum")));
    }

    @Test
    void receiptsDeclareVersionsForExactlyTheHeaderKinds() {
        List<String> kinds = texts(ExampleFiles.schema("header", "1-0-0").path("properties").path("kind")
                .path("enum"));
        List<String> declared = texts(ExampleFiles.schema("receipt", "1-1-0").path("properties").path("supports")
                .path("propertyNames").path("enum"));

        assertThat(declared).containsExactlyElementsOf(kinds)
                .containsExactlyElementsOf(Stream.of(MessageKind.values()).filter(MessageKind::declaredInReceipts)
                        .map(MessageKind::id).toList());
        List<String> newest = texts(ExampleFiles.schema("header", "1-1-0").path("properties").path("kind")
                .path("enum"));
        assertThat(newest).containsExactlyElementsOf(Stream.of(MessageKind.values()).map(MessageKind::id).toList());
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** Paths of every declared member outside conditional subschemas, e.g. /properties/items or /$defs/act/.... */
    private static Set<String> members(JsonNode schema) {
        Set<String> members = new TreeSet<>();
        collectMembers(schema, "", members);
        return members;
    }

    private static void collectMembers(JsonNode node, String path, Set<String> members) {
        if (!node.isObject() || path.matches(".*/(if|then|else|not|allOf|anyOf|oneOf)(/.*)?")) {
            return;
        }
        node.path("properties").fieldNames().forEachRemaining(member -> members.add(path + "/properties/" + member));
        node.fields().forEachRemaining(field -> {
            if (field.getKey().equals("properties") || field.getKey().equals("$defs")) {
                field.getValue().fields().forEachRemaining(entry -> collectMembers(entry.getValue(),
                        path + "/" + field.getKey() + "/" + entry.getKey(), members));
            } else {
                collectMembers(field.getValue(), path + "/" + field.getKey(), members);
            }
        });
    }

    private static void collect(JsonNode node, String keyword, List<String> values) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals(keyword) && field.getValue().isTextual()) {
                    values.add(field.getValue().asText());
                } else {
                    collect(field.getValue(), keyword, values);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, keyword, values));
        }
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
}
