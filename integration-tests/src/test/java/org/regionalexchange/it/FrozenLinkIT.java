package org.regionalexchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Fault drill: the direct link KZ-KG frozen for 40 s (connections accepted, nothing forwarded), then healed. The
 * sender's /health must stop showing the link UP within 30 s, show it DOWN within its down-after (20 s in the drill)
 * and a margin, and UP again after healing; nothing accepted may be lost meanwhile.
 */
class FrozenLinkIT {

    @Test
    void aFrozenLinkShowsAsDownOnHealthAndHealsWithoutLoss() throws Exception {
        JsonNode result = FaultDrill.run("frozen-link", "--partition", "PT40S");

        assertThat(result.path("notes").toString()).as("what /health showed").contains("not UP after")
                .contains("UP again");
    }
}
