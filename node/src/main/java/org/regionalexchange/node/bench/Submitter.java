package org.regionalexchange.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.regionalexchange.node.faults.DrillRegion;

/**
 * A focal point submitting seizure notices to one node's REST API as fast as the node answers, as the drill's API
 * user over plain HTTP on loopback (the submitters' TLS is not what is measured). Counts 202 as accepted and any
 * other answer as refused; nothing is retried, so accepted is exactly what the node promised.
 */
final class Submitter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final java.util.List<String> recipients;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectNode document;
    private final String prefix;
    private final AtomicLong numbers = new AtomicLong();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();

    /**
     * @param recipients node ids or REGIONAL
     * @param document the notice every submission carries, under a seizureRef of its own
     * @param prefix what the seizureRefs begin with, so each load's notices are told apart
     */
    Submitter(URI api, java.util.List<String> recipients, ObjectNode document, String prefix) {
        this.api = api;
        this.recipients = java.util.List.copyOf(recipients);
        this.document = document;
        this.prefix = prefix;
    }

    /** How many recipients each submission names, REGIONAL counted as one. */
    int recipients() {
        return recipients.size();
    }

    /** Submits one uniquely numbered notice and waits for the answer. */
    void submitOne() throws InterruptedException {
        submit();
    }

    /** Submits one uniquely numbered notice; the messageId the node gave it, or null when it was refused. */
    String submit() throws InterruptedException {
        ObjectNode notice = document.deepCopy();
        notice.put("seizureRef", prefix + numbers.incrementAndGet());
        ObjectNode body = JSON.createObjectNode().put("kind", "seizure-notice").put("handling", "AMBER")
                .put("status", "exercise");
        recipients.forEach(body.putArray("recipients")::add);
        body.set("document", notice);
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(api.resolve("/api/v1/messages"))
                    .header("Authorization", DrillRegion.authorization()).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                accepted.increment();
                return JSON.readTree(response.body()).path("messageId").asText();
            }
            refused.increment();
        } catch (IOException e) {
            refused.increment();
        }
        return null;
    }

    /** GET of a path of this node's API, as JSON. */
    JsonNode get(String path) {
        return get(api, path);
    }

    /** GET of a path of a node's API as the drill's user, as JSON. */
    JsonNode get(URI node, String path) {
        return get(node, path, Duration.ofSeconds(30));
    }

    private JsonNode get(URI node, String path, Duration timeout) {
        try {
            return JSON.readTree(text(node, path, timeout));
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " answered no JSON: " + e.getMessage(), e);
        }
    }

    /** GET of a path of a node's API as the drill's user; the body when it answered 200. */
    private String text(URI node, String path, Duration timeout) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(node.resolve(path))
                    .header("Authorization", DrillRegion.authorization()).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    long accepted() {
        return accepted.sum();
    }

    long refused() {
        return refused.sum();
    }

    /**
     * Recipient copies this node has seen receipted as delivered since it started (receipts themselves not counted),
     * from the receipt-latency histogram on {@code /metrics}: cheap to read while the node is saturated, unlike the
     * delivery summary, which counts every row the node ever sent.
     */
    long deliveredCopies() {
        return deliveredCopies(text(api, "/metrics", Duration.ofSeconds(30)));
    }

    /** The sum of the receipt-latency histogram's counts with outcome delivered, receipts excluded. */
    static long deliveredCopies(String prometheusText) {
        return prometheusText.lines()
                .filter(line -> line.startsWith("regional_exchange_receipt_latency_seconds_count{")
                        && line.contains("outcome=\"delivered\"") && !line.contains("kind=\"receipt\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** The sender's recipients by status (queued, forwarded, delivered, rejected), from its delivery summary. */
    JsonNode deliverySummary() {
        // Counting every recipient row the node ever sent takes a while on a node with a large backlog behind it.
        return get(api, "/api/v1/delivery-summary", Duration.ofMinutes(5));
    }
}
