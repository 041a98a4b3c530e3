package org.regionalexchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs one fault drill at the size CI affords (`node faults`, from the executable jar, in its own process, which
 * starts the nodes as processes of their own) and asserts its counts from the JSON report: every accepted notice
 * stored once at every recipient, given once to the subscriber, delivered at the sender, and audited.
 */
final class FaultDrill {

    /** At least 2,000 uniquely numbered notices per drill, at the rate of the field trial that lost notices. */
    static final int NOTICES = 2000;
    static final int RATE = 40;

    private FaultDrill() {}

    /** Runs the drill in target/fault-drills/SCENARIO, which keeps the nodes' logs and the report for a look later. */
    static JsonNode run(String scenario, String... options) throws Exception {
        Path work = Path.of("target", "fault-drills", scenario).toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        String[] args = new String[8 + options.length];
        String[] base = {"faults", "--scenarios", scenario, "--notices", Integer.toString(NOTICES), "--rate",
                Integer.toString(RATE), "--dir=" + work.resolve("drills")};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(options, 0, args, base.length, options.length);
        Jars.Result drill = Jars.run(Jars.NODE, 900, work, args);
        // The table the drill printed, for the build log.
        System.out.println(drill.output().substring(Math.max(0, drill.output().indexOf("scenario "))));
        assertThat(drill.exitCode()).as(drill.output()).isZero();
        JsonNode result = new ObjectMapper().readTree(work.resolve("drills").resolve("faults-report.json").toFile())
                .path("drills").get(0);
        assertThat(result.path("scenario").asText()).isEqualTo(scenario);
        int accepted = result.path("accepted").asInt();
        assertThat(accepted).as("notices accepted with 202").isPositive();
        assertThat(result.path("stored").asInt()).as("stored at every recipient").isEqualTo(accepted);
        assertThat(result.path("deliveredToSubscriber").asInt()).as("given to the subscriber").isEqualTo(accepted);
        for (String zero : new String[] {"lost", "duplicatedToSubscriber", "unrecorded", "stuck", "auditProblems",
                "quarantined", "deadLettered", "unexplainedRefusals", "healthProblems"}) {
            assertThat(result.path(zero).asInt()).as(zero + " in " + result).isZero();
        }
        return result;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
