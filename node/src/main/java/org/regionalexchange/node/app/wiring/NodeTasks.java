package org.regionalexchange.node.app.wiring;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's periodic work, on one daemon thread of its own: the check for overdue receipts, the audit anchor and, on a
 * country node, the audit checkpoint to the hub. A failing run is logged once per run and tried again at the next period; it never stops the
 * schedule.
 */
final class NodeTasks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeTasks.class);

    private final String nodeId;
    private final ScheduledExecutorService scheduler;

    NodeTasks(String nodeId) {
        this.nodeId = nodeId;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "node-tasks-" + nodeId);
            thread.setDaemon(true);
            return thread;
        });
    }

    void every(Duration period, String what, Runnable task) {
        long millis = Math.max(100, period.toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: {} failed, will try again in {} s: {}", nodeId, what, millis / 1000.0, e.getMessage());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
