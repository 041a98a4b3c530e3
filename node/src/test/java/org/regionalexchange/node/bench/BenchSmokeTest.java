package org.regionalexchange.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every phase of the benchmark runs with tiny durations and leaves a report with a positive figure in each: the
 * command works. Says nothing about speed; the pipeline's nodes run from this test's own classpath.
 */
class BenchSmokeTest {

    @TempDir
    Path folder;

    @Test
    void everyPhaseRunsAndReportsAPositiveFigure() throws IOException {
        List<String> progress = new ArrayList<>();
        BenchPlan plan = new BenchPlan(Duration.ofSeconds(1), Duration.ofSeconds(4), folder,
                System.getProperty("java.class.path"), 4, 40);

        List<Path> report = new Bench(plan, progress::add).run();

        assertThat(report).containsExactly(folder.resolve("bench-report.json"), folder.resolve("bench-report.md"));
        JsonNode phases = new ObjectMapper().readTree(report.get(0).toFile()).path("phases");
        for (String phase : List.of("crypto", "broker", "pipeline", "scaling", "backlog")) {
            JsonNode figures = phases.path(phase);
            assertThat(figures.size()).as(phase).isPositive();
            assertThat(figures.get(0).path("value").asDouble()).as(phase + ": " + figures.get(0)).isPositive();
        }
        List<String> latencies = new ArrayList<>();
        phases.path("pipeline").forEach(figure -> {
            if (figure.path("name").asText().startsWith("submit -> ")) {
                assertThat(figure.path("value").asDouble()).as(figure.toString()).isPositive();
                latencies.add(figure.path("name").asText());
            }
        });
        assertThat(latencies).as("p50, p95, p99 to stored and to receipt").hasSize(6);
        // A case's window is 2 s here, too short for the first relayed copy on cold JVMs to be receipted within it;
        // that each case's notices all arrived is what its drain checks (it throws when any are left).
        List<Double> delivered = new ArrayList<>();
        phases.path("scaling").forEach(figure -> {
            if (figure.path("name").asText().endsWith(": delivered to every recipient")) {
                delivered.add(figure.path("value").asDouble());
            }
        });
        assertThat(delivered).anyMatch(rate -> rate > 0);
        assertThat(delivered).as("relayed, REGIONAL, 3 and 6 recipients, 1, 8 and 64 KB").hasSize(7);
        assertThat(phases.path("backlog").toString()).contains("\"value\":40.0", "drain rate");
        assertThat(Files.readString(report.get(1))).contains("## Bound A", "## Bound B", "## Pipeline:",
                "## Pipeline by path", "## Backlog", "| cores |");
        assertThat(progress).anyMatch(line -> line.contains("measuring") || line.contains("measured"));
    }
}
