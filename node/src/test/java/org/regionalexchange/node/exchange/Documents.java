package org.regionalexchange.node.exchange;

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

    /** The messageIds listed by the inbox API, once per stored message. */
    public static List<String> inboxIds(String inboxJson) {
        try {
            List<String> ids = new java.util.ArrayList<>();
            JSON.readTree(inboxJson).forEach(entry -> ids.add(entry.path("messageId").asText()));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Submission seizureNotice(List<String> recipients) {
        return new Submission("seizure-notice", recipients, "AMBER",
                example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json"), List.of(), null, "en", "exercise");
    }
}
