package org.regionalexchange.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaVersionTest {

    @Test
    void parsesAndPrintsTheHeaderForm() {
        SchemaVersion version = SchemaVersion.parse("1-1-0");

        assertThat(version).isEqualTo(new SchemaVersion(1, 1, 0));
        assertThat(version).hasToString("1-1-0");
    }

    @Test
    void ordersByModelThenRevisionThenAdditionAsNumbers() {
        List<String> sorted = Stream.of("2-0-0", "1-10-0", "1-2-0", "1-2-10", "1-2-9", "1-0-0")
                .map(SchemaVersion::parse).sorted().map(SchemaVersion::toString).toList();

        assertThat(sorted).containsExactly("1-0-0", "1-2-0", "1-2-9", "1-2-10", "1-10-0", "2-0-0");
    }

    @Test
    void versionsOfOneModelShareIt() {
        assertThat(SchemaVersion.parse("1-0-0").sameModel(SchemaVersion.parse("1-3-2"))).isTrue();
        assertThat(SchemaVersion.parse("1-3-2").sameModel(SchemaVersion.parse("2-0-0"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.0", "1-1", "v1-1-0", "0-1-0", "01-1-0", "1-1-0 ", ""})
    void refusesAnythingButModelRevisionAdditionAndNamesTheForm(String text) {
        assertThatThrownBy(() -> SchemaVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MODEL-REVISION-ADDITION");
    }

    @Test
    void refusesNoText() {
        assertThatThrownBy(() -> SchemaVersion.parse(null)).hasMessageContaining("MODEL-REVISION-ADDITION");
    }
}
