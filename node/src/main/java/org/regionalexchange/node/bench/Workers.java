package org.regionalexchange.node.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Threads that each repeat their own task until closed. Each thread gets its own task, so state that is not
 * thread-safe (a JMS session, a sealer's keyring) need not be shared. The first failure stops them all and is thrown
 * on close, so a broken phase is never reported with a figure.
 */
final class Workers implements AutoCloseable {

    /** One unit of work, repeated. */
    interface Task {
        void once() throws Exception;

        /** Releases what the task holds (a connection), on its own thread once the workers stop. */
        default void close() throws Exception {}
    }

    /** Makes each thread's task; may connect, so it may fail. */
    interface TaskFactory {
        Task create() throws Exception;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    Workers(String name, int count, TaskFactory tasks) {
        for (int i = 0; i < count; i++) {
            Task task;
            try {
                task = tasks.create();
            } catch (Exception e) {
                close();
                throw new IllegalStateException(name + ": cannot set up a worker: " + e.getMessage(), e);
            }
            Thread thread = new Thread(() -> repeat(task), name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Whether they still run: false once one failed. */
    boolean running() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("benchmark worker failed: " + failed.getMessage(), failed);
        }
    }

    private void repeat(Task task) {
        try {
            while (running) {
                task.once();
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
            running = false;
        } finally {
            try {
                task.close();
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            }
        }
    }
}
