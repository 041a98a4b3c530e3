package org.regionalexchange.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.SchemaLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Serves the schema files from the classpath, never from the network: ids under {@link SchemaCatalog#ID_PREFIX} as
 * published, ids under {@link #TOLERANT_PREFIX} as the tolerant reader's copy. The tolerant copy is the published
 * file with every {@code "additionalProperties": false} removed and its ids moved to the tolerant prefix, so members
 * a version does not declare are ignored while everything it declares (types, enums, patterns, requirements, and
 * additionalProperties that are schemas, such as a language map's) still holds.
 */
final class SchemaSource implements SchemaLoader {

    /** Outside {@link SchemaCatalog#ID_PREFIX}, so a tolerant id can never be taken for a published one. */
    static final String TOLERANT_PREFIX = "https://tolerant.schemas.regional-exchange.org/";
    static final String RESOURCE_FOLDER = "regional-exchange/schemas/";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public InputStreamSource getSchema(AbsoluteIri iri) {
        String id = iri.toString();
        if (id.startsWith(SchemaCatalog.ID_PREFIX)) {
            byte[] published = resource(id.substring(SchemaCatalog.ID_PREFIX.length()));
            return () -> new ByteArrayInputStream(published);
        }
        if (id.startsWith(TOLERANT_PREFIX)) {
            byte[] tolerant = tolerant(resource(id.substring(TOLERANT_PREFIX.length())));
            return () -> new ByteArrayInputStream(tolerant);
        }
        return null;
    }

    /** The id a tolerant reader of a published schema uses. */
    static String tolerantId(String publishedId) {
        return TOLERANT_PREFIX + publishedId.substring(SchemaCatalog.ID_PREFIX.length());
    }

    static byte[] resource(String path) {
        ClassLoader loader = SchemaSource.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE_FOLDER + path)) {
            if (in == null) {
                throw new IllegalStateException("no schema resource " + SchemaCatalog.CLASSPATH_PREFIX + path
                        + " on the classpath: is the schemas jar complete?");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] tolerant(byte[] published) {
        try {
            JsonNode schema = JSON.readTree(published);
            open(schema);
            return JSON.writeValueAsBytes(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes closing keywords and moves ids in place; names inside properties and $defs are names, not keywords. */
    private static void open(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode additional = object.get("additionalProperties");
            if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                object.remove("additionalProperties");
            }
            for (String keyword : List.of("$id", "$ref")) {
                JsonNode value = object.get(keyword);
                if (value != null && value.isTextual() && value.asText().startsWith(SchemaCatalog.ID_PREFIX)) {
                    object.set(keyword, TextNode.valueOf(tolerantId(value.asText())));
                }
            }
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            for (Map.Entry<String, JsonNode> field : fields) {
                boolean nameMap = field.getKey().equals("properties") || field.getKey().equals("$defs");
                if (nameMap) {
                    field.getValue().elements().forEachRemaining(SchemaSource::open);
                } else if (!field.getKey().equals("enum") && !field.getKey().equals("const")) {
                    open(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (Iterator<JsonNode> items = array.elements(); items.hasNext(); ) {
                open(items.next());
            }
        }
    }
}
