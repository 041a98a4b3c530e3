package org.regionalexchange.node.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.regionalexchange.schemas.MessageKind;
import org.regionalexchange.schemas.SchemaCatalog;

/** The benchmark's notices have the size their case names and stay valid seizure notices, as the node checks them. */
class BenchDocumentTest {

    private static final SchemaCatalog SCHEMAS = SchemaCatalog.load();

    @ParameterizedTest
    @ValueSource(ints = {1024, 2048, 8 * 1024, 64 * 1024})
    void growsToTheSizeWithinOneItemAndStaysValid(int bytes) {
        ObjectNode notice = BenchDocument.seizureNotice(bytes);

        assertThat(BenchDocument.size(notice)).isBetween(bytes, bytes + 1024);
        assertThat(SCHEMAS.validateDocument(MessageKind.SEIZURE_NOTICE, notice)).isEmpty();
    }

    @Test
    void theDefaultIsTwoKilobytesOfText() {
        ObjectNode notice = BenchDocument.seizureNotice();

        assertThat(BenchDocument.size(notice)).isEqualTo(BenchDocument.BYTES);
        assertThat(notice.path("items").size()).isEqualTo(1);
    }

    @Test
    void refusesASizeTheSchemaCannotHold() {
        assertThatThrownBy(() -> BenchDocument.seizureNotice(1024 * 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100 items");
    }
}
