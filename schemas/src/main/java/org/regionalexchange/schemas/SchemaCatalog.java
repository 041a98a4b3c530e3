package org.regionalexchange.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * Every version of every shared schema listed in {@code versions.json}, loaded from the classpath and compiled once;
 * safe to share between threads. Schema ids under {@link #ID_PREFIX} resolve to classpath resources, so validation
 * never touches the network. Format assertions (date-time, uuid, uri) are on: since draft 2019-09 they are only
 * annotations unless a validator enables them. Besides exact validation against a version, a document can be read
 * tolerantly as a reader of a version: members that version does not declare are ignored, as a node does with a
 * newer REVISION or ADDITION of a MODEL it knows.
 */
public final class SchemaCatalog {

    public static final String ID_PREFIX = "https://schemas.regional-exchange.org/";
    public static final String CLASSPATH_PREFIX = "classpath:regional-exchange/schemas/";
    private static final String HEADER = "header";

    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final JsonSchema header;
    private final Map<MessageKind, NavigableMap<SchemaVersion, JsonSchema>> exact;
    /** Compiled on first use: most nodes never read a document tolerantly. */
    private final ConcurrentMap<String, JsonSchema> tolerant = new ConcurrentHashMap<>();

    private SchemaCatalog(JsonSchemaFactory factory, SchemaValidatorsConfig config, JsonSchema header,
            Map<MessageKind, NavigableMap<SchemaVersion, JsonSchema>> exact) {
        this.factory = factory;
        this.config = config;
        this.header = header;
        this.exact = exact;
    }

    /** Every version in the index. */
    public static SchemaCatalog load() {
        return load(version -> true);
    }

    /** Only the versions up to {@code highest}, as a node pinned to an older release knows them. */
    public static SchemaCatalog load(SchemaVersion highest) {
        return load(version -> version.compareTo(highest) <= 0);
    }

    private static SchemaCatalog load(Predicate<SchemaVersion> known) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.add(new SchemaSource())));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .build();
        Map<String, List<SchemaVersion>> index = SchemaIndex.read();
        Map<MessageKind, NavigableMap<SchemaVersion, JsonSchema>> exact = new EnumMap<>(MessageKind.class);
        for (MessageKind kind : MessageKind.values()) {
            NavigableMap<SchemaVersion, JsonSchema> versions = new TreeMap<>();
            for (SchemaVersion version : SchemaIndex.versions(index, kind.id(), known)) {
                versions.put(version, compile(factory, config, schemaId(kind.id(), version.toString())));
            }
            exact.put(kind, Collections.unmodifiableNavigableMap(versions));
        }
        List<SchemaVersion> headers = SchemaIndex.versions(index, HEADER, known);
        JsonSchema header = compile(factory, config, schemaId(HEADER, headers.get(headers.size() - 1).toString()));
        return new SchemaCatalog(factory, config, header, exact);
    }

    /** The $id of a schema, e.g. {@code https://schemas.regional-exchange.org/receipt/1-1-0/schema.json}. */
    public static String schemaId(String name, String version) {
        return ID_PREFIX + name + "/" + SchemaVersion.parse(version) + "/schema.json";
    }

    /** The versions of a kind this catalog knows, ascending. */
    public List<String> versions(MessageKind kind) {
        return exact.get(kind).keySet().stream().map(SchemaVersion::toString).toList();
    }

    public boolean knows(MessageKind kind, String version) {
        try {
            return exact.get(kind).containsKey(SchemaVersion.parse(version));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The highest version of a kind this catalog knows: what the node writes and checks against. */
    public String currentVersion(MessageKind kind) {
        return exact.get(kind).lastKey().toString();
    }

    /** Kind id to the versions this catalog accepts, sorted by kind id, as a node declares them. */
    public Map<String, List<String>> supported() {
        Map<String, List<String>> supported = new TreeMap<>();
        for (MessageKind kind : MessageKind.values()) {
            supported.put(kind.id(), versions(kind));
        }
        return Collections.unmodifiableMap(supported);
    }

    /** {@link #supported()} as a receipt's {@code supports} may carry it: the kinds {@link MessageKind#declaredInReceipts()}. */
    public Map<String, List<String>> receiptDeclaration() {
        Map<String, List<String>> declared = new TreeMap<>(supported());
        for (MessageKind kind : MessageKind.values()) {
            if (!kind.declaredInReceipts()) {
                declared.remove(kind.id());
            }
        }
        return Collections.unmodifiableMap(declared);
    }

    public List<Violation> validateHeader(JsonNode header) {
        return violations(this.header, header);
    }

    /** Exactly against {@link #currentVersion(MessageKind)}. */
    public List<Violation> validateDocument(MessageKind kind, JsonNode document) {
        return violations(exact.get(kind).lastEntry().getValue(), document);
    }

    /** Exactly against one version. @throws IllegalArgumentException when this catalog does not know it */
    public List<Violation> validateDocument(MessageKind kind, String version, JsonNode document) {
        return violations(exact.get(kind).get(known(kind, version)), document);
    }

    /**
     * As a reader of {@code version}: members that version's objects do not declare are ignored, everything it does
     * declare holds, so a new enum value or a changed type still fails. The stored and relayed bytes are the
     * caller's concern: this only judges them. @throws IllegalArgumentException when this catalog does not know it
     */
    public List<Violation> validateTolerant(MessageKind kind, String version, JsonNode document) {
        String id = schemaId(kind.id(), known(kind, version).toString());
        JsonSchema schema = tolerant.computeIfAbsent(id,
                published -> compile(factory, config, SchemaSource.tolerantId(published)));
        return violations(schema, document);
    }

    /**
     * The lowest known version, of the MODEL of {@link #currentVersion(MessageKind)}, that the document is exactly
     * valid against: the label that lets every member read it exactly when it uses nothing new.
     */
    public Optional<String> lowestValid(MessageKind kind, JsonNode document) {
        NavigableMap<SchemaVersion, JsonSchema> versions = exact.get(kind);
        SchemaVersion current = versions.lastKey();
        return versions.entrySet().stream()
                .filter(entry -> entry.getKey().sameModel(current))
                .filter(entry -> violations(entry.getValue(), document).isEmpty())
                .map(entry -> entry.getKey().toString())
                .findFirst();
    }

    private SchemaVersion known(MessageKind kind, String version) {
        SchemaVersion parsed = SchemaVersion.parse(version);
        if (!exact.get(kind).containsKey(parsed)) {
            throw new IllegalArgumentException(kind.id() + " has no schema version " + parsed
                    + " in this catalog: the known versions are " + String.join(", ", versions(kind)));
        }
        return parsed;
    }

    private static JsonSchema compile(JsonSchemaFactory factory, SchemaValidatorsConfig config, String id) {
        try {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(id), config);
            schema.initializeValidators();
            return schema;
        } catch (RuntimeException e) {
            throw new IllegalStateException("schema " + id + " cannot be loaded from " + CLASSPATH_PREFIX + ": "
                    + e.getMessage(), e);
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
        if ("enum".equals(message.getType())) {
            Optional<String> hint = NearMiss.hint(pointer, message.getInstanceNode(), message.getSchemaNode());
            if (hint.isPresent()) {
                text = text + "; " + hint.get();
            }
        }
        return new Violation(pointer, text);
    }
}
