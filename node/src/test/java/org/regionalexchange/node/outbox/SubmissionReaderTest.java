package org.regionalexchange.node.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.regionalexchange.node.envelope.JsonLimits;
import org.regionalexchange.node.envelope.StrictJson;
import org.regionalexchange.schemas.Violation;

/** The REST and local.submit body: strict JSON, each problem a violation pointing at the value. */
class SubmissionReaderTest {

    final SubmissionReader reader = new SubmissionReader(StrictJson.DEFAULT);

    @Test
    void readsAWellFormedSubmission() {
        Submission submission = reader.read(body("{\"quantity\":{\"value\":3.7,\"unit\":\"kg\"}}"));
        assertThat(submission.kind()).isEqualTo("seizure-notice");
        assertThat(submission.document().at("/quantity/value").asDouble()).isEqualTo(3.7);
    }

    @Test
    void duplicateKeyInTheDocumentIsAViolationAtThatValue() {
        assertViolation(reader, body("{\"quantity\":{\"value\":3.7,\"value\":3700}}"), "/document/quantity/value",
                "duplicate key \"value\" at /document/quantity");
    }

    @Test
    void overLongArrayNamesTheLimit() {
        SubmissionReader small = new SubmissionReader(new StrictJson(new JsonLimits(1_048_576, 32, 100_000, 4)));
        assertViolation(small, body("{\"substances\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}"), "/document/substances",
                "array longer than 4 elements at /document/substances");
    }

    @Test
    void overLongStringAndOverDeepNestingNameTheirLimits() {
        assertViolation(reader, body("{\"remarks\":\"" + "x".repeat(100_001) + "\"}"), "/document/remarks",
                "string longer than 100000 characters at /document/remarks");
        assertViolation(reader, body("{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}"),
                "/document/a" + "/0".repeat(30), "nesting deeper than 32 at /document/a" + "/0".repeat(30));
    }

    @Test
    void bodyOverTheMessageLimitNamesTheKey() {
        SubmissionReader small = new SubmissionReader(new StrictJson(new JsonLimits(100, 32, 100_000, 10_000)));
        assertViolation(small, body("{\"remarks\":\"" + "x".repeat(200) + "\"}"), "",
                "exceeds node.limits.message-bytes 100");
    }

    private static void assertViolation(SubmissionReader reader, String body, String pointer, String message) {
        assertThatThrownBy(() -> reader.read(body)).isInstanceOfSatisfying(InvalidSubmissionException.class, e -> {
            assertThat(e.violations()).hasSize(1);
            Violation violation = e.violations().get(0);
            assertThat(violation.pointer()).isEqualTo(pointer);
            assertThat(violation.message()).contains(message);
        });
    }

    private static String body(String document) {
        return "{\"kind\":\"seizure-notice\",\"recipients\":[\"KG\"],\"handling\":\"AMBER\",\"document\":"
                + document + "}";
    }
}
