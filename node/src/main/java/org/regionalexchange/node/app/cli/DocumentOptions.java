package org.regionalexchange.node.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.regionalexchange.node.envelope.StrictJson;
import picocli.CommandLine.Option;

/**
 * A document file and what goes with it on the way out: its kind, recipients, handling code, language and
 * expiry. Shared by {@code send} (to a running node) and {@code seal} (offline).
 */
final class DocumentOptions {

    @Option(names = "--kind", required = true, description = "seizure-notice, list-entry, early-warning, ...")
    String kind;
    @Option(names = "--to", required = true, split = ",", paramLabel = "NODE",
            description = "Recipient node ids or REGIONAL, e.g. KG,CARICC.")
    List<String> recipients;
    @Option(names = "--handling", defaultValue = "AMBER", description = "TLP 2.0 code (default: ${DEFAULT-VALUE}).")
    String handling;
    @Option(names = "--language", defaultValue = "en",
            description = "Language of the original text (default: ${DEFAULT-VALUE}).")
    String language;
    @Option(names = "--expires-in", paramLabel = "DURATION",
            description = "ISO-8601 duration, e.g. P30D (required for warnings).")
    Duration expiresIn;
    @Option(names = "--in", required = true, paramLabel = "FILE", description = "The document (JSON).")
    Path in;

    /** The document, read as strictly as the node reads a submission. */
    JsonNode document() throws IOException {
        return StrictJson.DEFAULT.read(in);
    }

    /** When the message expires, counted from now (whole seconds), or null without --expires-in. */
    Instant expiresAt(Instant now) {
        return expiresIn == null ? null : now.truncatedTo(ChronoUnit.SECONDS).plus(expiresIn);
    }
}
