package org.regionalexchange.node.store;

import org.regionalexchange.node.faults.PostgresServer;

/** The quarantine contract on a real PostgreSQL 15 started on loopback for the test run. */
class PostgresQuarantineStoreTest extends QuarantineStoreContract {

    @Override
    String newDatabaseUrl() {
        return PostgresServer.shared().createDatabase();
    }

    @Override
    String user() {
        return "postgres";
    }
}
