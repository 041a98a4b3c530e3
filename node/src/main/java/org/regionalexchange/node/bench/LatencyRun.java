package org.regionalexchange.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Latency at a fixed offered rate below saturation: notices submitted at even intervals (each on a thread of its own,
 * so a slow answer does not delay the next submission), then, once all are receipted, each notice's times read back
 * from the nodes themselves: when the receiver stored it (its inbox's {@code receivedAt}) and when the sender applied
 * the signed receipt (the recipient's {@code updatedAt} once {@code delivered}). Both nodes run on this machine's
 * clock, so the differences need no clock correction.
 */
final class LatencyRun {

    private static final int PAGE = 500;

    private final Consumer<String> progress;

    LatencyRun(Consumer<String> progress) {
        this.progress = progress;
    }

    /** Submissions by messageId, with the instant each was sent. */
    Map<String, Instant> offer(Submitter submitter, double perSecond, Duration duration) {
        Map<String, Instant> sent = new ConcurrentHashMap<>();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(32);
        long periodMicros = Math.max(1, Math.round(1_000_000 / perSecond));
        pacer.scheduleAtFixedRate(() -> senders.execute(() -> {
            Instant start = Instant.now();
            try {
                String messageId = submitter.submit();
                if (messageId != null) {
                    sent.put(messageId, start);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), 0, periodMicros, TimeUnit.MICROSECONDS);
        long end = System.nanoTime() + duration.toNanos();
        long lastPrint = System.nanoTime();
        while (System.nanoTime() < end) {
            sleep(Duration.ofMillis(200));
            if (System.nanoTime() - lastPrint > Duration.ofSeconds(5).toNanos()) {
                progress.accept(String.format(Locale.ROOT, "[pipeline latency at %.0f/s] %d submitted", perSecond,
                        sent.size()));
                lastPrint = System.nanoTime();
            }
        }
        pacer.shutdownNow();
        senders.shutdown();
        try {
            senders.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sent;
    }

    /** Milliseconds from submission to stored at the receiver, per message it stored. */
    List<Double> stored(Submitter submitter, URI receiver, Map<String, Instant> sent, Instant since) {
        Map<String, Instant> storedAt = new HashMap<>();
        String until = null;
        while (true) {
            String path = "/api/v1/inbox?kind=seizure-notice&limit=" + PAGE + "&since=" + encode(since.toString())
                    + (until == null ? "" : "&until=" + encode(until));
            JsonNode page = submitter.get(receiver, path);
            page.forEach(item -> storedAt.put(item.path("messageId").asText(),
                    Instant.parse(item.path("receivedAt").asText())));
            if (page.size() < PAGE) {
                break;
            }
            // The next page ends just after the oldest seen, so rows stored in the same microsecond are not skipped.
            String next = Instant.parse(page.get(page.size() - 1).path("receivedAt").asText()).plusNanos(1_000)
                    .toString();
            if (next.equals(until)) {
                break;
            }
            until = next;
        }
        List<Double> millis = new ArrayList<>();
        sent.forEach((id, at) -> {
            Instant stored = storedAt.get(id);
            if (stored != null) {
                millis.add(Duration.between(at, stored).toNanos() / 1e6);
            }
        });
        return millis;
    }

    /** Milliseconds from submission to the recipient's signed receipt applied at the sender, per delivered message. */
    List<Double> receipted(Submitter submitter, Map<String, Instant> sent) {
        List<Double> millis = new ArrayList<>();
        sent.forEach((id, at) -> {
            JsonNode recipient = submitter.get("/api/v1/messages/" + id).path("recipients").path(0);
            if ("delivered".equals(recipient.path("status").asText())) {
                millis.add(Duration.between(at, Instant.parse(recipient.path("updatedAt").asText())).toNanos() / 1e6);
            }
        });
        return millis;
    }

    /** The value below which the given share of the sample lies (nearest rank). */
    static double percentile(List<Double> sample, double share) {
        if (sample.isEmpty()) {
            return 0;
        }
        List<Double> sorted = new ArrayList<>(sample);
        sorted.sort(null);
        int rank = (int) Math.ceil(share * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
