package org.regionalexchange.node.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway PostgreSQL 15 on loopback for tests and fault drills: initdb into a temporary folder, start on a free
 * port, stop at JVM exit. initdb refuses to run as root, so as root the server runs as the {@code postgres} user.
 * A drill can stop the server abruptly (as a crash of the database host would) and start it again on the same data.
 */
public final class PostgresServer {

    private static final Path BIN = Path.of(System.getProperty("postgres.bin", "/usr/lib/postgresql/15/bin"));
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final Path folder;
    private final int port;
    private final boolean fsync;
    private boolean stopped;

    private PostgresServer(Path folder, int port, boolean fsync) {
        this.folder = folder;
        this.port = port;
        this.fsync = fsync;
    }

    /** The one server of this test JVM, started on first use; fsync off, since the tests do not crash it. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = startNew(false);
        }
        return shared;
    }

    /** A server of its own, with fsync on as in production, stopped at JVM exit. */
    public static PostgresServer startNew(boolean fsync) {
        PostgresServer server = start(fsync);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
        return server;
    }

    /** Stops the server at once, without a checkpoint, as a crash would; {@link #resume()} starts it again. */
    public void crash() {
        run(60, asPostgres(BIN.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(),
                "-m", "immediate", "-w", "stop"));
    }

    /** Starts the server again on the same data and port after {@link #crash()}. */
    public void resume() {
        pgCtlStart(folder, port, fsync);
    }

    /** A new, empty database on this server; its JDBC URL. */
    public String createDatabase() {
        String name = "node_test_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String user() {
        return "postgres";
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static void pgCtlStart(Path folder, int port, boolean fsync) {
        run(60, asPostgres(BIN.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-w", "-t",
                "45", "-l", folder.resolve("server.log").toString(), "-o", "-p " + port + " -k " + folder
                        + " -c listen_addresses=127.0.0.1 -c fsync=" + (fsync ? "on" : "off"), "start"));
    }

    private static PostgresServer start(boolean fsync) {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException("PostgreSQL 15 is not installed at " + BIN
                    + ": install it with `apt-get install postgresql-15` (or set -Dpostgres.bin)");
        }
        try {
            Path folder = Files.createTempDirectory("node-postgres-");
            int port = freePort();
            if (isRoot()) {
                run(30, "chown", "-R", "postgres", folder.toString());
            }
            Path data = folder.resolve("data");
            run(60, asPostgres(BIN.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust",
                    "-U", "postgres", "--no-sync", "-E", "UTF8"));
            pgCtlStart(folder, port, fsync);
            return new PostgresServer(folder, port, fsync);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL for tests: " + e.getMessage(), e);
        }
    }

    /** Stops the server for good (once; later calls do nothing). */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run(30, asPostgres(BIN.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(),
                    "-m", "fast", "-w", "stop"));
        } catch (RuntimeException e) {
            System.err.println("test PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }

    private static String[] asPostgres(String... command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(List.of(command));
        return wrapped.toArray(String[]::new);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(int timeoutSeconds, String... command) {
        try {
            // Output goes to a file, not a pipe: the server pg_ctl starts would inherit a pipe and keep it open.
            Path log = Files.createTempFile("node-postgres-command-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            if (!finished) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out after " + timeoutSeconds
                        + " s\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        }
    }

    private static int freePort() {
        return org.regionalexchange.node.faults.LoopbackPorts.free();
    }
}
