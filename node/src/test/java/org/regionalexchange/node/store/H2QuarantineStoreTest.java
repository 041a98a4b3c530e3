package org.regionalexchange.node.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The quarantine contract on the default H2 file database. */
class H2QuarantineStoreTest extends QuarantineStoreContract {

    @TempDir
    Path folder;

    @Override
    String newDatabaseUrl() {
        return "jdbc:h2:file:" + folder.resolve("node-" + H2StoreTest.DATABASES.incrementAndGet()).toAbsolutePath();
    }

    @Override
    String user() {
        return "node";
    }
}
