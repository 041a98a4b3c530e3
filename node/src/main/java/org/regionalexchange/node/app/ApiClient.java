package org.regionalexchange.node.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small client of a running node's REST API, for the send, status and audit commands. */
final class ApiClient {

    /** A response's status code and body. */
    record Response(int status, String body) {}

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    ApiClient(String base) {
        this(base, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    ApiClient(String base, Duration connectTimeout, Duration timeout) {
        this.base = URI.create(base.endsWith("/") ? base : base + "/");
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.timeout = timeout;
    }

    URI base() {
        return base;
    }

    Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Response post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (java.net.ConnectException e) {
            throw new IOException("no node answers at " + base + ": is it running (`node run --config ...`)?", e);
        }
    }
}
