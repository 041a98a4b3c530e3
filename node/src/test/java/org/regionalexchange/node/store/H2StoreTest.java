package org.regionalexchange.node.store;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the default H2 file database. */
class H2StoreTest extends StoreContract {

    static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path folder;

    @Override
    String newDatabaseUrl() {
        return "jdbc:h2:file:" + folder.resolve("node-" + DATABASES.incrementAndGet()).toAbsolutePath();
    }

    @Override
    String user() {
        return "node";
    }
}
