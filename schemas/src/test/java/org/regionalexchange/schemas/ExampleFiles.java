package org.regionalexchange.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example documents beside the schemas: examples/valid/<name>/*.json and examples/invalid/<name>/*.json. */
final class ExampleFiles {

    static final Path ROOT = Path.of("examples");
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> NAMES = Stream.concat(Stream.of("header"),
            Stream.of(MessageKind.values()).map(MessageKind::id)).toList();

    private ExampleFiles() {}

    static List<Path> valid(String name) {
        return list(ROOT.resolve("valid").resolve(name).resolve(SchemaCatalog.CURRENT_VERSION));
    }

    static List<Path> invalid(String name) {
        return list(ROOT.resolve("invalid").resolve(name).resolve(SchemaCatalog.CURRENT_VERSION)).stream()
                .filter(path -> !path.getFileName().toString().endsWith(".expected.json")).toList();
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
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
