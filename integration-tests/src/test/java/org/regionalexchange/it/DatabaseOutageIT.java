package org.regionalexchange.it;

import org.junit.jupiter.api.Test;

/** Fault drill: PostgreSQL, the store of every node, stopped abruptly for 30 s under running nodes. */
class DatabaseOutageIT {

    @Test
    void aPostgresqlOutageUnderRunningNodesLosesNothingAccepted() throws Exception {
        FaultDrill.run("database-outage", "--database-outage", "PT30S");
    }
}
