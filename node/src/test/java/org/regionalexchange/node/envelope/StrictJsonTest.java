package org.regionalexchange.node.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrictJsonTest {

    final StrictJson json = new StrictJson(new JsonLimits(10_000, 4, 20, 5));

    @Test
    void readsTheSameTreeAsJacksonForWellFormedInput() throws Exception {
        String text = "{\"a\":[1,2.5,12345678901,\"x\",true,null],\"b\":{\"c\":-3}}";
        assertThat(StrictJson.DEFAULT.read(text)).isEqualTo(new ObjectMapper().readTree(text));
    }

    @Test
    void duplicateKeyIsNamedWithTheObjectItIsIn() {
        assertRefused("{\"document\":{\"quantity\":{\"value\":3.7,\"value\":3700}}}",
                "duplicate key \"value\" at /document/quantity", "/document/quantity/value");
    }

    @Test
    void duplicateKeyAtTheTopLevelSaysSo() {
        assertRefused("{\"kind\":\"a\",\"kind\":\"b\"}", "duplicate key \"kind\" at the top level", "/kind");
    }

    @Test
    void nestingDeeperThanTheLimitNamesTheLevelWhereItGoesTooDeep() {
        assertThat(json.read("{\"a\":{\"b\":{\"c\":[1]}}}").at("/a/b/c/0").asInt()).isEqualTo(1);
        assertRefused("{\"a\":{\"b\":{\"c\":[[1]]}}}", "nesting deeper than 4 at /a/b/c/0", "/a/b/c/0");
    }

    @Test
    void stringLongerThanTheLimitIsNamedWithItsPointer() {
        assertThat(json.read("{\"s\":\"" + "x".repeat(20) + "\"}").path("s").asText()).hasSize(20);
        assertRefused("{\"s\":[\"" + "x".repeat(21) + "\"]}", "string longer than 20 characters at /s/0", "/s/0");
        assertRefused("{\"s\":\"" + "x".repeat(5_000) + "\"}", "string longer than 20 characters at /s", "/s");
    }

    @Test
    void arrayLongerThanTheLimitIsNamedWithItsPointer() {
        assertThat(json.read("{\"substances\":[1,2,3,4,5]}").path("substances")).hasSize(5);
        assertRefused("{\"substances\":[1,2,3,4,5,6]}", "array longer than 5 elements at /substances",
                "/substances");
    }

    @Test
    void objectWithMoreMembersThanTheArrayLimitIsRefused() {
        assertRefused("{\"o\":{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6}}",
                "object with more than 5 members at /o", "/o");
    }

    @Test
    void messageOverTheByteLimitIsRefusedBeforeItIsParsed() {
        byte[] big = ("[\"" + "x".repeat(10_000) + "\"]").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> json.read(big)).isInstanceOf(InvalidJsonException.class)
                .hasMessage("message of 10004 bytes exceeds node.limits.message-bytes 10000");
    }

    @Test
    void oversizedFileIsRefusedByItsSize(@TempDir Path folder) throws Exception {
        Path file = Files.write(folder.resolve("big.json"), new byte[10_001]);
        assertThatThrownBy(() -> json.read(file))
                .hasMessage("message of 10001 bytes exceeds node.limits.message-bytes 10000");
    }

    @Test
    void trailingContentAndSyntaxErrorsAreNotJson() {
        assertRefused("{\"a\":1} {\"b\":2}", "not JSON: more content after the value at the top level", "");
        assertThatThrownBy(() -> json.read("{\"a\": [1, }")).isInstanceOf(InvalidJsonException.class)
                .hasMessageStartingWith("not JSON: ").hasMessageEndingWith(" at /a");
        assertThatThrownBy(() -> json.read("")).hasMessage("not JSON: nothing to read at the top level");
    }

    @Test
    void defaultLimitsAreOneMebibyteDepth32Strings100000AndArrays10000() {
        assertThat(JsonLimits.DEFAULT).isEqualTo(new JsonLimits(1_048_576, 32, 100_000, 10_000));
        JsonNode deep = StrictJson.DEFAULT.read("[".repeat(32) + "]".repeat(32));
        assertThat(deep.isArray()).isTrue();
        assertThatThrownBy(() -> StrictJson.DEFAULT.read("[".repeat(33) + "]".repeat(33)))
                .hasMessageStartingWith("nesting deeper than 32 at /0/0/0");
    }

    @Test
    void theEnvelopesProtectedPartMayBeAsLongAsTheMessageButNoHeaderString() {
        String protectedPart = java.util.Base64.getEncoder().encodeToString(new byte[300_000]);
        byte[] wire = ("{\"format\":\"" + EnvelopeCodec.FORMAT + "\",\"header\":{\"messageId\":\"m-1\"},"
                + "\"protected\":\"" + protectedPart + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(EnvelopeCodec.read(wire).protectedContent()).hasSize(300_000);

        byte[] longHeader = ("{\"format\":\"" + EnvelopeCodec.FORMAT + "\",\"header\":{\"messageId\":\""
                + "m".repeat(100_001) + "\"},\"protected\":\"AA==\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EnvelopeCodec.read(longHeader))
                .hasMessage("MALFORMED: the envelope: string longer than 100000 characters at /header/messageId");
    }

    private void assertRefused(String input, String message, String pointer) {
        assertThatThrownBy(() -> json.read(input)).isInstanceOfSatisfying(InvalidJsonException.class, e -> {
            assertThat(e).hasMessage(message);
            assertThat(e.pointer()).isEqualTo(pointer);
        });
    }
}
