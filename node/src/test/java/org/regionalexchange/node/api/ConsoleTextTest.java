package org.regionalexchange.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.regionalexchange.node.failure.RejectReason;

/**
 * The console explains each rejection reason in its own words (i18n.js, CONSOLE_REASONS); a reason code added to
 * the node must be explained there too, in English and in Russian.
 */
class ConsoleTextTest {

    @Test
    void everyRejectReasonIsExplainedInEnglishAndRussian() throws IOException {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/regional-exchange/console/i18n.js")) {
            assertThat(in).as("the console's i18n.js on the class path").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String reasons = text.substring(text.indexOf("window.CONSOLE_REASONS"));
        reasons = reasons.substring(0, reasons.indexOf("};"));
        String english = reasons.substring(reasons.indexOf("en: {"), reasons.indexOf("ru: {"));
        String russian = reasons.substring(reasons.indexOf("ru: {"));
        for (RejectReason reason : RejectReason.values()) {
            assertThat(english).as("English for " + reason).contains("    " + reason.name() + ": '");
            assertThat(russian).as("Russian for " + reason).contains("    " + reason.name() + ": '");
        }
    }
}
