package org.regionalexchange.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's figures as {@code bench-report.json} (for comparing runs) and {@code bench-report.md} (one table per
 * phase), both with the machine they were measured on: figures from different machines are not comparable.
 */
final class BenchReport {

    static final String JSON_FILE = "bench-report.json";
    static final String MARKDOWN_FILE = "bench-report.md";
    private static final Map<String, String> TITLES = Map.of(
            CryptoBound.PHASE, "Bound A: cryptography alone (seal + open of a 2 KB seizure notice)",
            BrokerBound.PHASE, "Bound B: the broker alone (persistent 2 KB messages over the peers' TLS acceptor)",
            PipelineRun.PHASE, "Pipeline: KZ -> KG direct link, separate JVMs, REST load",
            ScalingRun.PHASE, "Pipeline by path, recipients and size (each case saturated after a ramp, then drained)",
            BacklogRun.PHASE, "Backlog: notices queued for KG while it was down, then drained");

    private final BenchPlan plan;
    private final List<Figure> figures;
    private final Instant finishedAt;

    BenchReport(BenchPlan plan, List<Figure> figures, Instant finishedAt) {
        this.plan = plan;
        this.figures = List.copyOf(figures);
        this.finishedAt = finishedAt;
    }

    List<Figure> figures() {
        return figures;
    }

    /** Writes both files into the plan's folder; returns their paths, JSON first. */
    List<Path> write() {
        try {
            Path json = plan.folder().resolve(JSON_FILE);
            Path markdown = plan.folder().resolve(MARKDOWN_FILE);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), json());
            Files.writeString(markdown, markdown());
            return List.of(json, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("finishedAt", finishedAt.toString())
                .put("warmUp", plan.warmUp().toString()).put("duration", plan.duration().toString())
                .put("submitters", plan.submitters()).put("backlog", plan.backlog());
        machine().forEach(root.putObject("machine")::put);
        ObjectNode phases = root.putObject("phases");
        for (Figure figure : figures) {
            ArrayNode phase = phases.has(figure.phase()) ? (ArrayNode) phases.get(figure.phase())
                    : phases.putArray(figure.phase());
            phase.addObject().put("name", figure.name()).put("value", figure.value()).put("unit", figure.unit());
        }
        return root;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Throughput benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Finished %s; each phase warmed up for %s, then measured for %s "
                + "(shared among its cases; each scaling case half of it); %d REST submitters in the region's "
                + "phases, in a region of %s as separate JVMs.%n%n", finishedAt, plan.warmUp(), plan.duration(),
                plan.submitters(), String.join(", ", BenchRegion.NODES)));
        md.append("| Machine | |\n|---|---|\n");
        machine().forEach((key, value) -> md.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        for (String phase : List.of(CryptoBound.PHASE, BrokerBound.PHASE, PipelineRun.PHASE,
                ScalingRun.PHASE, BacklogRun.PHASE)) {
            List<Figure> rows = figures.stream().filter(figure -> figure.phase().equals(phase)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            md.append("\n## ").append(TITLES.get(phase)).append("\n\n| Case | Figure | Unit |\n|---|---:|---|\n");
            rows.forEach(row -> md.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", row.name(),
                    format(row), row.unit())));
        }
        md.append("\nFigures vary by about 15 % between runs on a shared 2-core machine; a longer warm-up steadies them.\n");
        return md.toString();
    }

    private static String format(Figure figure) {
        return String.format(Locale.ROOT, figure.unit().equals("ratio") ? "%.3f" : figure.unit().equals("notices")
                ? "%.0f" : "%.1f", figure.value());
    }

    private static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        Runtime runtime = Runtime.getRuntime();
        machine.put("cores", Integer.toString(runtime.availableProcessors()));
        machine.put("max heap of the benchmark JVM", runtime.maxMemory() / (1024 * 1024) + " MB");
        machine.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("node JVMs", "-Xmx384m -XX:+UseSerialGC, as the fault drills run them");
        return machine;
    }
}
