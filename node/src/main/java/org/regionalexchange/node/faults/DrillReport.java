package org.regionalexchange.node.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The drills' table, printed and kept beside the drills' folders as Markdown and JSON. */
public final class DrillReport {

    private DrillReport() {}

    /** Writes faults-report.md and faults-report.json into the folder; returns the table as printed. */
    public static String write(List<DrillResult> results, Drill.Plan plan, Path folder) {
        StringBuilder table = new StringBuilder(DrillResult.tableHeader());
        results.forEach(result -> table.append(result.tableRow()));
        results.forEach(result -> result.problems().forEach(problem -> table.append("  ").append(result.scenario())
                .append(": ").append(problem).append('\n')));
        results.forEach(result -> result.notes().forEach(note -> table.append("  ").append(result.scenario())
                .append(": ").append(note).append('\n')));
        try {
            Files.writeString(folder.resolve("faults-report.md"), "# Fault drills\n\n" + plan.notices()
                    + " notices per drill at " + plan.perSecond() + "/s.\n\n```\n" + table + "```\n");
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            json.writeValue(folder.resolve("faults-report.json").toFile(), toJson(json, results, plan));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table.toString();
    }

    private static ObjectNode toJson(ObjectMapper json, List<DrillResult> results, Drill.Plan plan) {
        ObjectNode report = json.createObjectNode();
        report.putObject("plan").put("notices", plan.notices()).put("perSecond", plan.perSecond())
                .put("partitionSeconds", plan.partition().toSeconds())
                .put("databaseOutageSeconds", plan.databaseOutage().toSeconds())
                .put("receiptWaitSeconds", plan.receiptWait().toSeconds());
        ArrayNode drills = report.putArray("drills");
        for (DrillResult r : results) {
            ObjectNode drill = drills.addObject().put("scenario", r.scenario()).put("passed", r.passed())
                    .put("accepted", r.accepted()).put("refused", r.refused()).put("stored", r.stored())
                    .put("lost", r.lost()).put("deliveredToSubscriber", r.delivered())
                    .put("duplicatedToSubscriber", r.duplicated()).put("unrecorded", r.unrecorded())
                    .put("stuck", r.stuck()).put("auditProblems", r.auditProblems())
                    .put("quarantined", r.quarantined()).put("deadLettered", r.deadLettered())
                    .put("drainSeconds", r.drain().toMillis() / 1000.0)
                    .put("acceptedPerSecond", r.acceptedPerSecond())
                    .put("deliveredPerSecond", r.deliveredPerSecond())
                    .put("unexplainedRefusals", r.unexplained()).put("healthProblems", r.healthProblems());
            r.recovery().forEach(d -> drill.withArray("recoverySeconds").add(d.toMillis() / 1000.0));
            r.problems().forEach(drill.withArray("problems")::add);
            r.notes().forEach(drill.withArray("notes")::add);
        }
        return report;
    }
}
