package org.regionalexchange.node.store;

import org.regionalexchange.node.faults.PostgresServer;

/** The store contract on a real PostgreSQL 15 started on loopback for the test run. */
class PostgresStoreTest extends StoreContract {

    @Override
    String newDatabaseUrl() {
        return PostgresServer.shared().createDatabase();
    }

    @Override
    String user() {
        return "postgres";
    }
}
