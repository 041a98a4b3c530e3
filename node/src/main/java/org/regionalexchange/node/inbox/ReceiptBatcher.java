package org.regionalexchange.node.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.store.ReceivedMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the delivered receipts this node owes, on a thread of its own: whenever receipts are owed it takes all of
 * them (up to {@link Receipts#MAX_PER_RECEIPT} per sender), submits one signed receipt per sender (sealed, recorded
 * and queued like any message), then notes them paid. While it seals and sends one round, the next messages' receipts
 * accumulate, so the batches grow with the load and a lone message is answered at once.
 *
 * <p>Nothing is lost to a crash: a receipt is owed in the database before the inbox acknowledges its message, and
 * paid only after the receipt is queued; a node stopped in between answers those messages again when it starts,
 * which the sender applies idempotently. A sender that cannot be answered now (no route, a failing store) is tried
 * again after {@link #RETRY_AFTER}, without holding back the others.
 */
public final class ReceiptBatcher implements AutoCloseable {

    /** How long a sender whose receipt could not be sent waits before it is tried again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** How often the owed receipts are looked at when nothing signals: after a restart, and after a retry wait. */
    private static final Duration IDLE_LOOK = Duration.ofSeconds(1);
    private static final int ROUND = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptBatcher.class);

    private final String self;
    private final ReceivedMessages received;
    private final Receipts receipts;
    private final Consumer<Submission> submit;
    private final Clock clock;
    private final Semaphore owed = new Semaphore(0);
    private final Map<String, Instant> retryAt = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** @param submit submits a receipt as the node's own message (sealed, recorded and queued when it returns) */
    public ReceiptBatcher(String self, ReceivedMessages received, Receipts receipts, Consumer<Submission> submit,
            Clock clock) {
        this.self = self;
        this.received = received;
        this.receipts = receipts;
        this.submit = submit;
        this.clock = clock;
        this.thread = new Thread(this::loop, "receipts-" + self);
        this.thread.setDaemon(true);
        receipts.onOwed(owed::release);
    }

    public ReceiptBatcher start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (running) {
            try {
                owed.tryAcquire(IDLE_LOOK.toMillis(), TimeUnit.MILLISECONDS);
                owed.drainPermits();
                sendOwed();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("{}: the receipts owed could not be read, will look again in {} s: {}", self,
                        IDLE_LOOK.toSeconds(), e.getMessage());
            }
        }
    }

    /** One round: every sender owed receipts gets one receipt per {@link Receipts#MAX_PER_RECEIPT} messages. */
    void sendOwed() {
        List<ReceivedMessages.Owed> all = received.owed(ROUND);
        Map<String, List<ReceivedMessages.Owed>> bySender = all.stream().collect(Collectors.groupingBy(
                ReceivedMessages.Owed::sender, LinkedHashMap::new, Collectors.toList()));
        Instant now = clock.instant();
        boolean sent = false;
        for (Map.Entry<String, List<ReceivedMessages.Owed>> owedTo : bySender.entrySet()) {
            String sender = owedTo.getKey();
            if (now.isBefore(retryAt.getOrDefault(sender, Instant.MIN))) {
                continue;
            }
            List<ReceivedMessages.Owed> messages = owedTo.getValue();
            for (int from = 0; from < messages.size(); from += Receipts.MAX_PER_RECEIPT) {
                List<ReceivedMessages.Owed> batch = messages.subList(from,
                        Math.min(messages.size(), from + Receipts.MAX_PER_RECEIPT));
                try {
                    submit.accept(receipts.delivered(sender, batch));
                    received.paid(batch.stream().map(ReceivedMessages.Owed::messageId).toList());
                    retryAt.remove(sender);
                    sent = true;
                } catch (RuntimeException e) {
                    retryAt.put(sender, now.plus(RETRY_AFTER));
                    LOG.warn("{}: a receipt to {} for {} messages could not be sent, will try again in {} s: {}", self,
                            sender, batch.size(), RETRY_AFTER.toSeconds(), e.getMessage());
                    break;
                }
            }
        }
        // A full round may have left more behind: look again at once, unless every sender is waiting to retry.
        if (all.size() == ROUND && sent) {
            owed.release();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
