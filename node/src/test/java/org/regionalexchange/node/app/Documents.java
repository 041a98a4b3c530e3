package org.regionalexchange.node.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.regionalexchange.node.outbox.Submission;

/** Example documents from the shared schemas module, as submissions. */
public final class Documents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("..", "schemas", "examples");

    private Documents() {}

    public static JsonNode example(String path) {
        try {
            return JSON.readTree(EXAMPLES.resolve(path).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Submission seizureNotice(List<String> recipients) {
        return new Submission("seizure-notice", recipients, "AMBER",
                example("valid/seizure-notice/kg-alpha-pvp-bishkek.json"), List.of(), null, "en", "exercise");
    }
}
