package org.regionalexchange.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SchemaCatalogTest {

    static final SchemaCatalog CATALOG = SchemaCatalog.load();

    @Test
    void unknownKindNamesTheValidKinds() {
        assertThatThrownBy(() -> MessageKind.fromId("seizure"))
                .hasMessage("unknown kind 'seizure': use one of seizure-notice, list-entry, early-warning, "
                        + "pre-arrival-warning, outcome-report, receipt, audit-checkpoint");
    }

    @Test
    void reportsEveryViolationWithAPointerAndSortedDeterministically() {
        ObjectNode document = (ObjectNode) ExampleFiles.read(Path.of("examples/valid/receipt/1-0-0/kg-delivered.json"));
        document.put("receivedBy", "kg");
        document.put("receivedAt", "soon");
        List<Violation> violations = CATALOG.validateDocument(MessageKind.RECEIPT, document);

        assertThat(violations).extracting(Violation::pointer).containsExactly("/receivedAt", "/receivedBy");
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank().doesNotStartWith("/"));
    }

    @Test
    void formatAssertionsAreOn() {
        ObjectNode header = (ObjectNode) ExampleFiles.read(
                Path.of("examples/valid/header/1-0-0/kz-seizure-to-regional.json"));
        header.put("createdAt", "2026-02-30T10:00:00Z");
        assertThat(CATALOG.validateHeader(header)).extracting(Violation::pointer).containsExactly("/createdAt");
    }

    @Test
    void givesTheSameAnswersFromManyThreads() throws Exception {
        JsonNode valid = ExampleFiles.read(Path.of("examples/valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json"));
        JsonNode invalid = ExampleFiles.read(Path.of("examples/invalid/seizure-notice/1-0-0/unit-not-in-list.json"));
        List<Violation> expected = CATALOG.validateDocument(MessageKind.SEIZURE_NOTICE, invalid);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 400).mapToObj(i -> pool.submit(() ->
                    CATALOG.validateDocument(MessageKind.SEIZURE_NOTICE, valid).isEmpty()
                            && CATALOG.validateDocument(MessageKind.SEIZURE_NOTICE, invalid).equals(expected)))
                    .toList();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
