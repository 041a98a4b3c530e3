package org.regionalexchange.it;

import org.junit.jupiter.api.Test;

/** Fault drill: the receiver, killed with SIGKILL twice during the stream and restarted 5 s later each time. */
class ReceiverCrashIT {

    @Test
    void theReceiverKilledTwiceDuringAStreamLosesAndDoublesNothing() throws Exception {
        FaultDrill.run("receiver-crash");
    }
}
