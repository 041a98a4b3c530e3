package org.regionalexchange.node.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One node as an operator runs it: its own JVM ({@code node run --config FILE}), its own data folder, its output in
 * a log file. It can be stopped as an operator stops it, or killed with SIGKILL as a crash or a power cut would.
 */
public final class NodeProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final String nodeId;
    private final Path config;
    private final Path log;
    private final int httpPort;
    private final String classpath;
    private final AtomicReference<Process> process = new AtomicReference<>();
    private int starts;

    /** @param classpath what the node runs from: this program's own classpath, or another build's jar */
    NodeProcess(String nodeId, Path config, Path log, int httpPort, String classpath) {
        this.classpath = classpath;
        this.nodeId = nodeId;
        this.config = config;
        this.log = log;
        this.httpPort = httpPort;
    }

    public URI api() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Starts the JVM and waits until its API answers /health with the broker and database up. */
    public void start() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-XX:+UseSerialGC", "-cp", classpath,
                "org.regionalexchange.node.app.NodeCli", "run", "--config", config.toString()));
        try {
            Files.writeString(log, "--- start " + (++starts) + " at " + Instant.now() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process.set(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node " + nodeId + ": " + e.getMessage(), e);
        }
        awaitHealthy();
    }

    /** SIGKILL: no shutdown hook, no flush, exactly what a crash leaves behind. */
    void kill() {
        Process running = process.getAndSet(null);
        if (running != null) {
            running.destroyForcibly();
            waitFor(running, 30);
        }
    }

    /** CPU time the running JVM has used so far (all its threads, the JIT's included); 0 when it is not running. */
    public long cpuMillis() {
        Process running = process.get();
        return running == null ? 0 : running.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    /** SIGTERM, as an operator stops a node; waits for it to finish. */
    public void stop() {
        Process running = process.getAndSet(null);
        if (running != null) {
            running.destroy();
            if (!waitFor(running, 60)) {
                running.destroyForcibly();
                waitFor(running, 30);
            }
        }
    }

    private void awaitHealthy() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Process running = process.get();
            if (running == null || !running.isAlive()) {
                throw new IllegalStateException("node " + nodeId + " exited while starting; see " + log);
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(api().resolve("/health")).header("Authorization", DrillRegion.authorization())
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.body().contains("\"broker\":\"UP\"") && health.body().contains("\"database\":\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + nodeId, e);
            }
            pause(Duration.ofMillis(250));
        }
        kill();
        throw new IllegalStateException("node " + nodeId + " did not become healthy in " + START_TIMEOUT.toSeconds()
                + " s; see " + log);
    }

    private static boolean waitFor(Process process, int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
