package org.regionalexchange.it;

import org.junit.jupiter.api.Test;

/** Fault drill: CARICC, killed with SIGKILL while it relays REGIONAL notices from KZ to KG. */
class HubCrashIT {

    @Test
    void theHubKilledWhileRelayingRegionalNoticesRelaysEveryOneOnce() throws Exception {
        FaultDrill.run("hub-crash");
    }
}
