package org.regionalexchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Fault drill: CARICC's certificate floods KG's inbox with junk for 10 s while KZ streams valid notices to KG over
 * their direct link. KZ's notices submitted during the flood must reach KG's subscriber within 5 s, KG must stay
 * healthy, and the junk kept in quarantine must stay within the hour's budget (the rest is counted).
 */
class FloodIT {

    @Test
    void aFloodingPeerDoesNotHoldBackAnotherPeersNotices() throws Exception {
        JsonNode result = FaultDrill.run("flood");

        assertThat(result.path("notes").toString()).as("what the flood did").contains("junk messages confirmed")
                .contains("submit -> stored at KG median");
    }
}
