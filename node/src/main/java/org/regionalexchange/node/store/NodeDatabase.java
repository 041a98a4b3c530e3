package org.regionalexchange.node.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.SQLRecoverableException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The node's database: an H2 file database in the data folder by default, PostgreSQL by JDBC URL. Opening it applies
 * any pending migration, so a node never runs against an older schema.
 *
 * <p>H2 is opened with {@code WRITE_DELAY=0}: by default its MVStore writes committed transactions to the file in the
 * background up to half a second later, so a killed process loses commits it had already reported. With the delay at
 * zero every commit is written to the file before it returns; it survives the process being killed, not a power
 * failure (H2 does not fsync each commit). PostgreSQL with its default {@code synchronous_commit=on} survives both.
 */
public final class NodeDatabase implements AutoCloseable {

    /** Enough for every inbox consumer, hand-over and API worker to hold one at once. */
    private static final int MAX_CONNECTIONS = 48;
    /** Portable migrations, run on every database. */
    static final String MIGRATIONS = "classpath:db/migration";
    /**
     * The few steps that need a database's own functions (hashing existing rows). They live outside
     * {@link #MIGRATIONS} because Flyway scans a location's subfolders too.
     */
    static final String DIALECT_MIGRATIONS = "classpath:db/dialect/";

    private final JdbcConnectionPool pool;
    private final GroupCommit writer;

    private NodeDatabase(JdbcConnectionPool pool) {
        this.pool = pool;
        this.writer = new GroupCommit(this::connection);
    }

    /** Work done inside a transaction of the node's single writer. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs work in a transaction and returns once it is committed. Writers that arrive while a commit is being
     * written wait and are then committed together, each inside a savepoint of its own (see {@link GroupCommit}):
     * a commit is a write to the database file, and under load one serves many writers.
     *
     * @param action what the work does, for the error an operator reads
     * @param retryOnDuplicateKey run the work again (up to five times) when it fails on a duplicate key, as an
     *     append to the audit chain does when another process took the same seq
     * @throws SQLException what the work or the commit failed with
     */
    public <T> T inTransaction(String action, boolean retryOnDuplicateKey, Work<T> work) throws SQLException {
        return writer.run(action, retryOnDuplicateKey, work);
    }

    /** Write transactions committed since the node started; with {@link #writesCommitted()}, the grouping. */
    public long commits() {
        return writer.commits();
    }

    /** Writes committed since the node started, each one caller's work, in {@link #commits()} transactions. */
    public long writesCommitted() {
        return writer.works();
    }

    /** Seconds spent committing write transactions since the node started. */
    public double commitSeconds() {
        return writer.commitSeconds();
    }

    /** Writers queued for the next group, for tests that make a group form. */
    int writersWaiting() {
        return writer.waiting();
    }

    /** Runs one write in the writer's transaction, mapping a failure as {@link #failure} does. */
    public <T> T write(String action, Work<T> work) {
        try {
            return inTransaction(action, false, work);
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    public static NodeDatabase open(String url, String user, char[] password) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(poolSource(durable(url), user, new String(password)));
        pool.setMaxConnections(MAX_CONNECTIONS);
        try {
            Flyway.configure().dataSource(pool).locations(MIGRATIONS, DIALECT_MIGRATIONS + dialect(url)).load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.dispose();
            throw new StoreUnavailableException("cannot open the database " + url + ": " + e.getMessage()
                    + " (check node.db.url, node.db.user and the password)", e);
        }
        return new NodeDatabase(pool);
    }

    /** The folder under {@link #DIALECT_MIGRATIONS} for the database of this URL. */
    static String dialect(String url) {
        return url.startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
    }

    /**
     * The URL with H2's commits written before they return, unless the operator chose a write delay, with room in
     * each connection's cache of parsed statements for every statement the node runs (H2 keeps 8 by default and
     * parses the others again on each use), and closed by the node rather than by H2 at the JVM's exit: a node
     * stopped by SIGTERM anchors its audit chain in its own shutdown hook, which H2's would otherwise beat to it.
     */
    static String durable(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String tuned = url;
        if (!upper.contains("WRITE_DELAY")) {
            tuned += ";WRITE_DELAY=0";
        }
        if (!upper.contains("QUERY_CACHE_SIZE")) {
            tuned += ";QUERY_CACHE_SIZE=64";
        }
        if (!upper.contains("DB_CLOSE_ON_EXIT")) {
            tuned += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return tuned;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw unavailable("no database connection", e);
        }
    }

    public boolean isReachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.dispose();
    }

    /** Maps a driver error to the store's model: transient faults become {@link StoreUnavailableException}. */
    static RuntimeException failure(String action, SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || (e.getSQLState() != null && (e.getSQLState().startsWith("08") || e.getSQLState().equals("40001")
                || e.getSQLState().equals("HYT00")))) {
            return unavailable(action, e);
        }
        return new IllegalStateException(action + " failed: " + e.getMessage(), e);
    }

    static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static StoreUnavailableException unavailable(String action, SQLException e) {
        return new StoreUnavailableException(action + ": " + e.getMessage(), e);
    }

    private static javax.sql.ConnectionPoolDataSource poolSource(String url, String user, String password) {
        if (url.startsWith("jdbc:postgresql:")) {
            PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
            source.setURL(url);
            source.setUser(user);
            source.setPassword(password);
            return source;
        }
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(url);
        source.setUser(user);
        source.setPassword(password);
        return source;
    }
}
