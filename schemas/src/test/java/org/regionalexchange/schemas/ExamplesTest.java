package org.regionalexchange.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example is tested both ways against its folder's version: valid ones pass, invalid ones fail exactly where
 * their sidecar says. Valid examples also keep the version promise: a later version of the same MODEL accepts them.
 */
class ExamplesTest {

    static final SchemaCatalog CATALOG = SchemaCatalog.load();

    static Stream<Arguments> validExamples() {
        return versionFolders().flatMap(folder -> ExampleFiles.valid(folder.name(), folder.version()).stream()
                .map(file -> Arguments.of(folder.name(), folder.version(), file)));
    }

    static Stream<Arguments> invalidExamples() {
        return versionFolders().flatMap(folder -> ExampleFiles.invalid(folder.name(), folder.version()).stream()
                .map(file -> Arguments.of(folder.name(), folder.version(), file)));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("validExamples")
    void validExampleHasNoViolations(String name, String version, Path file) {
        assertThat(validate(name, version, ExampleFiles.read(file))).isEmpty();
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalidExamples")
    void invalidExampleFailsAtTheExpectedPointer(String name, String version, Path file) {
        JsonNode expected = ExampleFiles.read(ExampleFiles.expectation(file));
        List<Violation> violations = validate(name, version, ExampleFiles.read(file));

        assertThat(violations).as(expected.get("reason").asText()).isNotEmpty();
        assertThat(violations).extracting(Violation::pointer).as(violations.toString())
                .containsOnly(expected.get("pointer").asText());
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("validExamples")
    void validExampleStaysValidUnderEveryLaterVersionOfItsModel(String name, String version, Path file) {
        // 1-1-0 is a REVISION: only its new conditional rules may refuse an older document, and no example uses them.
        SchemaVersion own = SchemaVersion.parse(version);
        for (String later : ExampleFiles.versions(name)) {
            SchemaVersion candidate = SchemaVersion.parse(later);
            if (candidate.compareTo(own) > 0 && candidate.sameModel(own)) {
                assertThat(validate(name, later, ExampleFiles.read(file))).as(later).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("versionArguments")
    void everyVersionHasEnoughExamplesEachWay(String name, String version) {
        assertThat(ExampleFiles.valid(name, version)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ExampleFiles.invalid(name, version)).hasSizeGreaterThanOrEqualTo(5);
        ExampleFiles.invalid(name, version).forEach(file -> assertThat(ExampleFiles.expectation(file))
                .isRegularFile());
    }

    static Stream<Arguments> versionArguments() {
        return versionFolders().map(folder -> Arguments.of(folder.name(), folder.version()));
    }

    static Stream<Folder> versionFolders() {
        return ExampleFiles.NAMES.stream().flatMap(name -> ExampleFiles.versions(name).stream()
                .map(version -> new Folder(name, version)));
    }

    static List<Violation> validate(String name, String version, JsonNode document) {
        return name.equals("header") ? CATALOG.validateHeader(document)
                : CATALOG.validateDocument(MessageKind.fromId(name), version, document);
    }

    record Folder(String name, String version) {}
}
