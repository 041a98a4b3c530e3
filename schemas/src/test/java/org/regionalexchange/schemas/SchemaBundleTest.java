package org.regionalexchange.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A bundled schema refers only to itself, and judges every example of its kind as the published files do. */
class SchemaBundleTest {

    @ParameterizedTest
    @EnumSource(MessageKind.class)
    void theNewestVersionOfEveryKindBundlesWithOnlyLocalReferencesAndAgreesOnTheExamples(MessageKind kind) {
        String version = ExamplesTest.CATALOG.currentVersion(kind);
        ObjectNode bundle = SchemaBundle.of(kind, version);

        List<String> refs = new ArrayList<>();
        collect(bundle, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(ref).startsWith("#/$defs/"));
        refs.forEach(ref -> assertThat(bundle.at(ref.substring(1)).isMissingNode()).as(ref + " is defined").isFalse());

        bundle.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        bundle.put("$id", "https://bundled.example/" + kind.id());
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(bundle,
                com.networknt.schema.SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        for (var file : ExampleFiles.valid(kind.id(), version)) {
            assertThat(schema.validate(ExampleFiles.read(file))).as(file.toString()).isEmpty();
        }
        for (var file : ExampleFiles.invalid(kind.id(), version)) {
            assertThat(schema.validate(ExampleFiles.read(file))).as(file.toString()).isNotEmpty();
        }
    }

    private static void collect(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collect(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, refs));
        }
    }
}
