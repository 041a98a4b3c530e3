package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.regionalexchange.node.app.demo.LocalRegion;

/** Waits for a message to appear in a running node's quarantine listing, as its operator would see it. */
final class QuarantineProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QuarantineProbe() {}

    /**
     * @return the listing's entry for the messageId, once it is there, after checking its reason and delivering peer
     */
    static JsonNode awaitEntry(LocalRegion region, String node, String messageId, String reason, String peer,
            Duration wait) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(wait).untilAsserted(() -> {
            found[0] = null;
            JSON.readTree(region.node(node).services().api().quarantine("500")).forEach(entry -> {
                if (messageId.equals(entry.path("messageId").asText())) {
                    found[0] = entry;
                }
            });
            assertThat(found[0]).as("quarantine entry for " + messageId).isNotNull();
        });
        assertThat(found[0].get("reasonCode").asText()).as("reason of " + messageId).isEqualTo(reason);
        assertThat(found[0].get("deliveringPeer").asText()).as("peer of " + messageId).isEqualTo(peer);
        return found[0];
    }
}
