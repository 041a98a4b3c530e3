package org.regionalexchange.node.app.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.regionalexchange.node.api.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shows a sent message's delivery status per recipient, from a running node. */
@Command(name = "status", description = "Delivery status per recipient of a message this node sent.")
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    ApiOptions api;
    @Parameters(index = "0", description = "The messageId.")
    String messageId;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ApiClient.Response response = api.client().get("api/v1/messages/" + messageId);
        if (response.status() == 200) {
            spec.commandLine().getOut().println(response.body());
            return 0;
        }
        spec.commandLine().getErr().println("HTTP " + response.status() + ": " + response.body());
        return 1;
    }
}
