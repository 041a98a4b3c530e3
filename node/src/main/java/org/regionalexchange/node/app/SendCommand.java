package org.regionalexchange.node.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.regionalexchange.node.envelope.StrictJson;
import picocli.CommandLine.Command;
import org.regionalexchange.node.api.ApiClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Submits a document file to a running node, as a focal point's system would through the REST API. */
@Command(name = "send", description = "Submit a document file to a running node; prints the messageId.")
final class SendCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Mixin
    ApiOptions api;
    @Option(names = "--kind", required = true, description = "seizure-notice, list-entry, early-warning, ...")
    String kind;
    @Option(names = "--to", required = true, split = ",", description = "Recipient node ids or REGIONAL.")
    List<String> recipients;
    @Option(names = "--handling", defaultValue = "AMBER", description = "TLP 2.0 code (default: ${DEFAULT-VALUE}).")
    String handling;
    @Option(names = "--language", defaultValue = "en", description = "Language of the original text.")
    String language;
    @Option(names = "--expires-in", description = "ISO-8601 duration, e.g. P30D (required for warnings).")
    Duration expiresIn;
    @Option(names = "--in", required = true, description = "The document (JSON).")
    Path in;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("kind", kind).put("handling", handling).put("language", language);
        recipients.forEach(body.putArray("recipients")::add);
        if (expiresIn != null) {
            body.put("expiresAt", Instant.now().plus(expiresIn).truncatedTo(ChronoUnit.SECONDS).toString());
        }
        body.set("document", StrictJson.DEFAULT.read(in));
        ApiClient.Response response = api.client().post("api/v1/messages", body.toString());
        if (response.status() == 202) {
            spec.commandLine().getOut().println(JSON.readTree(response.body()).path("messageId").asText());
            return 0;
        }
        spec.commandLine().getErr().println("not sent (HTTP " + response.status() + "): " + response.body());
        return 1;
    }
}
