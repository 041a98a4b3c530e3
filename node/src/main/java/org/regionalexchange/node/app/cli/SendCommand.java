package org.regionalexchange.node.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.regionalexchange.node.api.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Submits a document file to a running node, as a focal point's system would through the REST API. */
@Command(name = "send", description = "Submit a document file to a running node; prints the messageId.")
public final class SendCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Mixin
    ApiOptions api;
    @Mixin
    DocumentOptions document;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("kind", document.kind).put("handling", document.handling)
                .put("language", document.language);
        document.recipients.forEach(body.putArray("recipients")::add);
        Instant expiresAt = document.expiresAt(Instant.now());
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        body.set("document", document.document());
        ApiClient.Response response = api.client().post("api/v1/messages", body.toString());
        if (response.status() == 202) {
            spec.commandLine().getOut().println(JSON.readTree(response.body()).path("messageId").asText());
            return 0;
        }
        spec.commandLine().getErr().println("not sent (HTTP " + response.status() + "): " + response.body());
        return 1;
    }
}
