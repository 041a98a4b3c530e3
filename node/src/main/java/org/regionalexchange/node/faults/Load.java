package org.regionalexchange.node.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A focal point's stream of seizure notices over REST at a fixed rate, each one identifiable by its seizureRef.
 * A notice counts as accepted only when the node answered 202 with a messageId; anything else (refused, connection
 * lost while the node was down) is counted as refused and not retried, so accepted is exactly what the node promised.
 */
final class Load {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IN_FLIGHT = 16;

    private final URI api;
    private final List<String> recipients;
    private final String prefix;
    private final JsonNode template;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService workers = Executors.newFixedThreadPool(IN_FLIGHT);
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    /** seizureRef by the messageId the node gave it. */
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final Map<String, java.time.Instant> submittedAt = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger unexplained = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicReference<String> firstUnexplained =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final AtomicInteger submitted = new AtomicInteger();
    private volatile long firstNanos;
    private volatile java.time.Instant firstSubmission;
    private volatile long lastNanos;

    Load(URI api, List<String> recipients, String prefix) {
        this.api = api;
        this.recipients = List.copyOf(recipients);
        this.prefix = prefix;
        this.template = example();
    }

    /** Submits notices {@code from} to {@code to - 1} at {@code perSecond}; returns when all have been answered. */
    void submit(int from, int to, double perSecond) {
        long start = System.nanoTime();
        for (int i = from; i < to; i++) {
            long due = start + (long) ((i - from) * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                NodeProcess.pause(Duration.ofNanos(wait));
            }
            slots.acquireUninterruptibly();
            int number = i;
            workers.execute(() -> {
                try {
                    submitOne(number);
                } finally {
                    slots.release();
                }
            });
        }
        slots.acquireUninterruptibly(IN_FLIGHT);
        slots.release(IN_FLIGHT);
    }

    Map<String, String> accepted() {
        return Map.copyOf(accepted);
    }

    /** When each accepted notice was submitted. */
    Map<String, java.time.Instant> submittedAt() {
        return Map.copyOf(submittedAt);
    }

    int refused() {
        return refused.get();
    }

    int submitted() {
        return submitted.get();
    }

    String reference(int number) {
        return prefix + "-" + number;
    }

    void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    java.time.Instant firstSubmission() {
        return firstSubmission;
    }

    /** Accepted submissions per second between the first submission and the last answer. */
    double acceptedPerSecond() {
        double seconds = (lastNanos - firstNanos) / 1e9;
        return seconds <= 0 ? 0 : accepted.size() / seconds;
    }

    private void submitOne(int number) {
        if (submitted.getAndIncrement() == 0) {
            firstNanos = System.nanoTime();
            firstSubmission = java.time.Instant.now();
        }
        ObjectNode document = template.deepCopy();
        document.put("seizureRef", reference(number));
        ObjectNode body = JSON.createObjectNode().put("kind", "seizure-notice").put("handling", "AMBER")
                .put("status", "exercise");
        recipients.forEach(body.putArray("recipients")::add);
        body.set("document", document);
        java.time.Instant sentAt = java.time.Instant.now();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(api.resolve("/api/v1/messages")).header("Authorization", DrillRegion.authorization())
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                String messageId = JSON.readTree(response.body()).path("messageId").asText();
                submittedAt.put(messageId, sentAt);
                accepted.put(messageId, reference(number));
                lastNanos = System.nanoTime();
                return;
            }
            if (!explained(response)) {
                unexplained.incrementAndGet();
                firstUnexplained.compareAndSet(null, response.statusCode() + " " + response.headers().map() + " "
                        + response.body().substring(0, Math.min(300, response.body().length())));
            }
        } catch (IOException e) {
            // the node is down or dropped the connection: not accepted
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        refused.incrementAndGet();
    }

    /**
     * Whether a refusal tells the client what happened and when to retry: a 503 with a problem body that names the
     * cause and a Retry-After. A connection that failed outright (the node is down) is not an answer at all.
     */
    static boolean explained(HttpResponse<String> response) {
        if (response.statusCode() != 503 || response.headers().firstValue("Retry-After").isEmpty()
                || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return false;
        }
        try {
            return !JSON.readTree(response.body()).path("detail").asText().isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    /** Refusals that were answered, but not with a 503 problem body and a Retry-After. */
    int unexplained() {
        return unexplained.get();
    }

    java.util.Optional<String> firstUnexplained() {
        return java.util.Optional.ofNullable(firstUnexplained.get());
    }

    private static JsonNode example() {
        try (InputStream in = Load.class.getResourceAsStream(
                "/regional-exchange/examples/valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json")) {
            if (in == null) {
                throw new IllegalStateException("the example seizure notice is missing from the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
