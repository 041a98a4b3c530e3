package org.regionalexchange.node.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's one reader of JSON that others wrote: envelopes, signed content, submissions and document files. Unlike
 * Jackson's default, which keeps the last of two equal keys, it refuses duplicates, trailing content and anything over
 * its {@link JsonLimits}, naming the problem and its JSON pointer. The tree is built here rather than by an
 * ObjectMapper so that every check knows where it is; Jackson's {@link StreamReadConstraints} stay as a backstop.
 * Writing JSON needs none of this.
 */
public final class StrictJson {

    /** For the offline commands, which have no settings file. */
    public static final StrictJson DEFAULT = new StrictJson(JsonLimits.DEFAULT);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonLimits limits;
    private final JsonFactory factory;

    public StrictJson(JsonLimits limits) {
        this.limits = limits;
        // Depth one over ours and strings up to the whole message, so our own checks, which name the pointer and
        // know the one string that may be long, are the ones that fire.
        this.factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(limits.maxBytes())
                .maxNestingDepth(limits.maxDepth() + 1)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, Math.max(limits.maxBytes(),
                        limits.maxStringLength())))
                .maxNameLength(limits.maxStringLength())
                .build()).build();
    }

    public JsonLimits limits() {
        return limits;
    }

    public JsonNode read(byte[] json) {
        return read(json, null);
    }

    /**
     * @param unboundedStringAt the pointer of the one string limited only by the message size (the envelope's
     *     base64 protected part), or null
     */
    public JsonNode read(byte[] json, String unboundedStringAt) {
        requireSize(json.length);
        try (JsonParser parser = factory.createParser(json)) {
            return new Reading(parser, unboundedStringAt).document();
        } catch (IOException e) {
            throw new UncheckedIOException("closing a parser over bytes in memory", e);
        }
    }

    public JsonNode read(String json) {
        // A char is at least one UTF-8 byte: only a string within the limit in chars needs counting in bytes.
        if (json.length() > limits.maxBytes()) {
            requireSize(json.length());
        }
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a file, refusing an oversized one before reading it into memory. */
    public JsonNode read(Path file) throws IOException {
        requireSize(Files.size(file));
        return read(Files.readAllBytes(file));
    }

    private void requireSize(long bytes) {
        if (bytes > limits.maxBytes()) {
            throw new InvalidJsonException("message of " + bytes + " bytes exceeds node.limits.message-bytes "
                    + limits.maxBytes());
        }
    }

    /** One document being read: the parser and the pointer exempt from the string limit. */
    private final class Reading {

        private final JsonParser parser;
        private final String unboundedStringAt;

        Reading(JsonParser parser, String unboundedStringAt) {
            this.parser = parser;
            this.unboundedStringAt = unboundedStringAt;
        }

        private JsonNode document() {
            JsonToken first = next("");
            if (first == null) {
                throw new InvalidJsonException("not JSON: nothing to read", "", "");
            }
            JsonNode root = value(first, "", 0);
            if (next("") != null) {
                throw new InvalidJsonException("not JSON: more content after the value", "", "");
            }
            return root;
        }

        private JsonNode value(JsonToken token, String pointer, int depth) {
            try {
                return switch (token) {
                    case START_OBJECT -> object(pointer, depth + 1);
                    case START_ARRAY -> array(pointer, depth + 1);
                    case VALUE_STRING -> NODES.textNode(text(pointer));
                    case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                        case INT -> NODES.numberNode(parser.getIntValue());
                        case LONG -> NODES.numberNode(parser.getLongValue());
                        default -> NODES.numberNode(parser.getBigIntegerValue());
                    };
                    case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
                    case VALUE_TRUE -> NODES.booleanNode(true);
                    case VALUE_FALSE -> NODES.booleanNode(false);
                    case VALUE_NULL -> NODES.nullNode();
                    default -> throw new InvalidJsonException("not JSON: unexpected " + token, pointer, pointer);
                };
            } catch (IOException e) {
                throw notJson(e, pointer);
            }
        }

        private ObjectNode object(String pointer, int depth) {
            requireDepth(depth, pointer);
            ObjectNode object = NODES.objectNode();
            for (JsonToken token = next(pointer); token != JsonToken.END_OBJECT; token = next(pointer)) {
                String name = name(pointer);
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                if (object.has(name)) {
                    throw new InvalidJsonException("duplicate key \"" + name + "\"", child, pointer);
                }
                if (object.size() == limits.maxArrayLength()) {
                    throw new InvalidJsonException("object with more than " + limits.maxArrayLength() + " members",
                            pointer, pointer);
                }
                object.set(name, value(next(child), child, depth));
            }
            return object;
        }

        private ArrayNode array(String pointer, int depth) {
            requireDepth(depth, pointer);
            ArrayNode array = NODES.arrayNode();
            for (JsonToken token = next(pointer); token != JsonToken.END_ARRAY; token = next(pointer)) {
                if (array.size() == limits.maxArrayLength()) {
                    throw new InvalidJsonException("array longer than " + limits.maxArrayLength() + " elements",
                            pointer, pointer);
                }
                array.add(value(token, pointer + "/" + array.size(), depth));
            }
            return array;
        }

        private void requireDepth(int depth, String pointer) {
            if (depth > limits.maxDepth()) {
                throw new InvalidJsonException("nesting deeper than " + limits.maxDepth(), pointer, pointer);
            }
        }

        private String text(String pointer) throws IOException {
            try {
                String text = parser.getText();
                if (text.length() <= limits.maxStringLength() || pointer.equals(unboundedStringAt)) {
                    return text;
                }
            } catch (StreamConstraintsException tooLong) {
                // reported below, with the pointer
            }
            throw new InvalidJsonException("string longer than " + limits.maxStringLength() + " characters", pointer,
                    pointer);
        }

        private JsonToken next(String pointer) {
            try {
                return parser.nextToken();
            } catch (IOException e) {
                throw notJson(e, pointer);
            }
        }

        private String name(String pointer) {
            try {
                return parser.currentName();
            } catch (IOException e) {
                throw notJson(e, pointer);
            }
        }
    }

    private static InvalidJsonException notJson(IOException e, String pointer) {
        String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        String problem = e instanceof StreamConstraintsException ? "over a limit: " : "not JSON: ";
        return new InvalidJsonException(problem + detail.lines().findFirst().orElse(""), pointer, pointer);
    }
}
