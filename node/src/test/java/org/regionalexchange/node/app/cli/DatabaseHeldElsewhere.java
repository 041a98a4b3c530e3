package org.regionalexchange.node.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.regionalexchange.node.store.NodeDatabase;

/**
 * A node database held open by another JVM, the way a running node holds its H2 file: within one JVM H2 shares an
 * open database instead of refusing it, so only a second process sees the lock.
 */
final class DatabaseHeldElsewhere implements AutoCloseable {

    private static final String READY = "database open";

    private final Process process;

    private DatabaseHeldElsewhere(Process process) {
        this.process = process;
    }

    static DatabaseHeldElsewhere open(String url) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DatabaseHeldElsewhere.class.getName(), url)
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = output.readLine(); !READY.equals(line); line = output.readLine()) {
            if (line == null) {
                process.destroyForcibly();
                throw new IllegalStateException("the holding JVM did not open " + url + ":\n" + seen);
            }
            seen.append(line).append('\n');
        }
        return new DatabaseHeldElsewhere(process);
    }

    /** Closing its standard input lets the holder close the database and exit. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws Exception {
        try (NodeDatabase database = NodeDatabase.open(args[0], "node", new char[0]);
                Connection held = database.connection()) {
            System.out.println(READY);
            System.out.flush();
            while (System.in.read() != -1) {
                // held until the test closes our input
            }
        }
    }
}
