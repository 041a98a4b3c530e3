package org.regionalexchange.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The schema folders and the example documents beside them: json/<name>/<version>/schema.json,
 * examples/valid/<name>/<version>/*.json and examples/invalid/<name>/<version>/*.json.
 */
final class ExampleFiles {

    static final Path ROOT = Path.of("examples");
    static final Path SCHEMAS = Path.of("json");
    static final ObjectMapper JSON = new ObjectMapper();
    /** Everything a message carries: the header and each kind of document. */
    static final List<String> NAMES = Stream.concat(Stream.of("header"),
            Stream.of(MessageKind.values()).map(MessageKind::id)).toList();

    private ExampleFiles() {}

    /** The version folders of a schema, ascending. */
    static List<String> versions(String name) {
        try (Stream<Path> folders = Files.list(SCHEMAS.resolve(name))) {
            return folders.filter(Files::isDirectory).map(folder -> SchemaVersion.parse(folder.getFileName()
                    .toString())).sorted().map(SchemaVersion::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode schema(String name, String version) {
        return read(SCHEMAS.resolve(name).resolve(version).resolve("schema.json"));
    }

    static List<Path> valid(String name, String version) {
        return list(ROOT.resolve("valid").resolve(name).resolve(version));
    }

    static List<Path> invalid(String name, String version) {
        return list(ROOT.resolve("invalid").resolve(name).resolve(version)).stream()
                .filter(path -> !path.getFileName().toString().endsWith(".expected.json")).toList();
    }

    /** One example, e.g. {@code valid/seizure-notice/1-1-0/kz-2019-annual-nps.json}. */
    static JsonNode example(String path) {
        return read(ROOT.resolve(path));
    }

    static Path expectation(Path invalidExample) {
        String file = invalidExample.getFileName().toString();
        return invalidExample.resolveSibling(file.replace(".json", ".expected.json"));
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
