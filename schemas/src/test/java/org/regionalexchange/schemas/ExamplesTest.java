package org.regionalexchange.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example is tested both ways: valid ones pass, invalid ones fail exactly where their sidecar says. */
class ExamplesTest {

    static final SchemaCatalog CATALOG = SchemaCatalog.load();

    static Stream<Arguments> validExamples() {
        return ExampleFiles.NAMES.stream().flatMap(name -> ExampleFiles.valid(name).stream()
                .map(file -> Arguments.of(name, file)));
    }

    static Stream<Arguments> invalidExamples() {
        return ExampleFiles.NAMES.stream().flatMap(name -> ExampleFiles.invalid(name).stream()
                .map(file -> Arguments.of(name, file)));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("validExamples")
    void validExampleHasNoViolations(String name, Path file) {
        assertThat(validate(name, ExampleFiles.read(file))).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidExamples")
    void invalidExampleFailsAtTheExpectedPointer(String name, Path file) {
        JsonNode expected = ExampleFiles.read(ExampleFiles.expectation(file));
        List<Violation> violations = validate(name, ExampleFiles.read(file));

        assertThat(violations).as(expected.get("reason").asText()).isNotEmpty();
        assertThat(violations).extracting(Violation::pointer).as(violations.toString())
                .containsOnly(expected.get("pointer").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyKindHasEnoughExamplesEachWay(String name) {
        assertThat(ExampleFiles.valid(name)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ExampleFiles.invalid(name)).hasSizeGreaterThanOrEqualTo(5);
        ExampleFiles.invalid(name).forEach(file -> assertThat(ExampleFiles.expectation(file)).isRegularFile());
    }

    static Stream<String> names() {
        return ExampleFiles.NAMES.stream();
    }

    static List<Violation> validate(String name, JsonNode document) {
        return name.equals("header") ? CATALOG.validateHeader(document)
                : CATALOG.validateDocument(MessageKind.fromId(name), document);
    }
}
