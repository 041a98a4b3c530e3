package org.regionalexchange.node.app.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.regionalexchange.node.rules.MessageRules;
import picocli.CommandLine.Option;

/**
 * What the offline commands ({@code seal}, {@code open}) need to apply the node's message rules without a node's
 * settings: the members {@code REGIONAL} stands for, and how far a clock may run ahead.
 */
final class RegionRulesOptions {

    @Option(names = "--region", split = ",", defaultValue = "CARICC,KZ,KG,TJ,TM,UZ", paramLabel = "NODE",
            description = "The members REGIONAL stands for (default: ${DEFAULT-VALUE}).")
    List<String> region;
    @Option(names = "--clock-tolerance", defaultValue = "PT5M", paramLabel = "DURATION",
            description = "How far ahead of now an event may be dated or a signing time may lie"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration clockTolerance;

    /** The rules as the node applies them, without a store: references to earlier messages are not looked up. */
    MessageRules rules(String self, Clock clock) {
        return new MessageRules(self, region, clock, clockTolerance, null);
    }
}
