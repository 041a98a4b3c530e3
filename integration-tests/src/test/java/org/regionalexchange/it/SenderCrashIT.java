package org.regionalexchange.it;

import org.junit.jupiter.api.Test;

/** Fault drill: the sender, killed with SIGKILL right after it answered 202 to a batch. */
class SenderCrashIT {

    @Test
    void theSenderKilledRightAfterAcceptingABatchDeliversEveryAcceptedNotice() throws Exception {
        FaultDrill.run("sender-crash");
    }
}
