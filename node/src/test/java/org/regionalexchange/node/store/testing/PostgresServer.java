package org.regionalexchange.node.store.testing;

import java.io.IOException;
import java.net.ServerSocket;
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
 * A throwaway PostgreSQL 15 on loopback for tests: initdb into a temporary folder, start on a free port, stop at JVM
 * exit. initdb refuses to run as root, so as root the server runs as the {@code postgres} user.
 */
public final class PostgresServer {

    private static final Path BIN = Path.of(System.getProperty("postgres.bin", "/usr/lib/postgresql/15/bin"));
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer shared;

    private final Path folder;
    private final int port;

    private PostgresServer(Path folder, int port) {
        this.folder = folder;
        this.port = port;
    }

    /** The one server of this test JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "postgres-stop"));
        }
        return shared;
    }

    /** A new, empty database on the shared server; its JDBC URL. */
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

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static PostgresServer start() {
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
            run(60, asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "45",
                    "-l", folder.resolve("server.log").toString(), "-o",
                    "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
            return new PostgresServer(folder, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL for tests: " + e.getMessage(), e);
        }
    }

    private void stop() {
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
