package org.regionalexchange.node.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The node's single database writer, committing concurrent writers together. A caller queues its work and takes the
 * writer's lock; whoever holds it runs every queued work (up to {@link #MAX_GROUP}) in one transaction, each inside a
 * savepoint of its own, commits once, and hands each caller its outcome. The others find their work done when they
 * get the lock. Work that fails rolls back to its savepoint and fails only its own caller; a failed commit fails
 * every caller of the group, none of whose changes then stay. Alone, a caller commits at once, so nothing waits for
 * company.
 *
 * <p>Committing is the costly part of a write (H2 writes the file before the commit returns, PostgreSQL flushes its
 * log), so under load this turns one commit per writer into one per group. Work must not start another transaction
 * of this writer from inside itself: that would wait for itself, and is refused.
 */
final class GroupCommit {

    /** The most works one transaction commits together. */
    static final int MAX_GROUP = 64;
    private static final int MAX_ATTEMPTS = 5;

    private final Supplier<Connection> connections;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending<?>> waiting = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.LongAdder commits = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder works = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder commitNanos = new java.util.concurrent.atomic.LongAdder();

    GroupCommit(Supplier<Connection> connections) {
        this.connections = connections;
    }

    <T> T run(String action, boolean retryOnDuplicateKey, NodeDatabase.Work<T> work) throws SQLException {
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException(action + ": called from inside another write transaction");
        }
        Pending<T> pending = new Pending<>(action, retryOnDuplicateKey, work);
        waiting.add(pending);
        while (!pending.done) {
            lock.lock();
            try {
                if (!pending.done) {
                    runGroup();
                }
            } finally {
                lock.unlock();
            }
        }
        return pending.outcome();
    }

    private void runGroup() {
        List<Pending<?>> group = new ArrayList<>();
        for (Pending<?> next; group.size() < MAX_GROUP && (next = waiting.poll()) != null; ) {
            group.add(next);
        }
        try (Connection connection = connections.get()) {
            connection.setAutoCommit(false);
            for (Pending<?> pending : group) {
                pending.runIn(connection);
            }
            try {
                long start = System.nanoTime();
                connection.commit();
                commitNanos.add(System.nanoTime() - start);
                commits.increment();
                works.add(group.size());
            } catch (SQLException e) {
                rollbackQuietly(connection);
                group.forEach(pending -> pending.fail(e));
            }
        } catch (SQLException e) {
            group.forEach(pending -> pending.fail(e));
        } catch (RuntimeException e) {
            group.forEach(pending -> pending.fail(e));
        } catch (Error e) {
            // Nothing of the group was committed: every caller hears it, none mistakes the silence for success.
            group.forEach(pending -> pending.fail(new IllegalStateException("the write transaction was abandoned: "
                    + e, e)));
            throw e;
        } finally {
            group.forEach(Pending::finish);
        }
    }

    /** Transactions committed so far. */
    long commits() {
        return commits.sum();
    }

    /** Works committed so far, in {@link #commits()} transactions. */
    long works() {
        return works.sum();
    }

    /** Time spent in commits so far, in seconds. */
    double commitSeconds() {
        return commitNanos.sum() / 1e9;
    }

    /** Callers whose work is queued and not yet taken into a group. */
    int waiting() {
        return waiting.size();
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is gone: the database discards the transaction itself.
        }
    }

    /** One caller's work: run inside a savepoint, its outcome handed back once the group committed. */
    private static final class Pending<T> {

        private final String action;
        private final boolean retryOnDuplicateKey;
        private final NodeDatabase.Work<T> work;
        private T result;
        private Exception failure;
        private volatile boolean done;

        Pending(String action, boolean retryOnDuplicateKey, NodeDatabase.Work<T> work) {
            this.action = action;
            this.retryOnDuplicateKey = retryOnDuplicateKey;
            this.work = work;
        }

        void runIn(Connection connection) throws SQLException {
            for (int attempt = 1; ; attempt++) {
                Savepoint savepoint = connection.setSavepoint();
                try {
                    result = work.run(connection);
                    connection.releaseSavepoint(savepoint);
                    return;
                } catch (SQLException e) {
                    connection.rollback(savepoint);
                    if (retryOnDuplicateKey && NodeDatabase.isDuplicateKey(e) && attempt < MAX_ATTEMPTS) {
                        continue;
                    }
                    failure = e;
                    return;
                } catch (RuntimeException e) {
                    connection.rollback(savepoint);
                    failure = e;
                    return;
                }
            }
        }

        /** A failure of the whole transaction fails work that succeeded in it; work that failed keeps its reason. */
        void fail(Exception e) {
            if (failure == null) {
                failure = e;
            }
            result = null;
        }

        void finish() {
            done = true;
        }

        T outcome() throws SQLException {
            if (failure instanceof SQLException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            return result;
        }
    }
}
