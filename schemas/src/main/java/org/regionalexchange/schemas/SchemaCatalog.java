package org.regionalexchange.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every shared schema, loaded from the classpath and compiled once; safe to share between threads. Schema ids under
 * {@link #ID_PREFIX} resolve to classpath resources, so validation never touches the network. Format assertions
 * (date-time, uuid, uri) are on: since draft 2019-09 they are only annotations unless a validator enables them.
 */
public final class SchemaCatalog {

    public static final String ID_PREFIX = "https://schemas.regional-exchange.org/";
    public static final String CLASSPATH_PREFIX = "classpath:regional-exchange/schemas/";
    public static final String CURRENT_VERSION = "1-0-0";

    private final JsonSchema header;
    private final Map<MessageKind, JsonSchema> documents;

    private SchemaCatalog(JsonSchema header, Map<MessageKind, JsonSchema> documents) {
        this.header = header;
        this.documents = documents;
    }

    public static SchemaCatalog load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, CLASSPATH_PREFIX)));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .build();
        Map<MessageKind, JsonSchema> documents = new EnumMap<>(MessageKind.class);
        for (MessageKind kind : MessageKind.values()) {
            documents.put(kind, compile(factory, config, kind.id()));
        }
        return new SchemaCatalog(compile(factory, config, "header"), documents);
    }

    /** The $id of a schema, e.g. {@code https://schemas.regional-exchange.org/receipt/1-0-0/schema.json}. */
    public static String schemaId(String name) {
        return ID_PREFIX + name + "/" + CURRENT_VERSION + "/schema.json";
    }

    public List<Violation> validateHeader(JsonNode header) {
        return violations(this.header, header);
    }

    public List<Violation> validateDocument(MessageKind kind, JsonNode document) {
        return violations(documents.get(kind), document);
    }

    public String currentVersion(MessageKind kind) {
        return CURRENT_VERSION;
    }

    private static JsonSchema compile(JsonSchemaFactory factory, SchemaValidatorsConfig config, String name) {
        try {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(schemaId(name)), config);
            schema.initializeValidators();
            return schema;
        } catch (RuntimeException e) {
            throw new IllegalStateException("schema '" + name + "' cannot be loaded from " + CLASSPATH_PREFIX + name
                    + ": " + e.getMessage(), e);
        }
    }

    private static List<Violation> violations(JsonSchema schema, JsonNode instance) {
        return schema.validate(instance).stream()
                .map(SchemaCatalog::violation)
                .sorted()
                .distinct()
                .toList();
    }

    private static Violation violation(ValidationMessage message) {
        String pointer = message.getInstanceLocation().toString();
        String text = message.getMessage();
        // Messages start with the location, which the pointer already carries.
        if (text.startsWith(pointer + ": ")) {
            text = text.substring(pointer.length() + 2);
        }
        return new Violation(pointer, text);
    }
}
