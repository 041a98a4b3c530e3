package org.regionalexchange.node.app.cli;

import java.nio.file.Path;
import org.regionalexchange.node.app.wiring.NodeSettings;
import org.regionalexchange.node.app.wiring.SettingsException;
import org.regionalexchange.node.app.wiring.SettingsReader;
import picocli.CommandLine.Option;

/** The {@code --config} option of the commands that work on one node's settings file (run, audit). */
final class ConfigOption {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The node's application.properties.")
    Path config;

    /** The node's settings, checked: a {@link SettingsException} names every wrong or missing key. */
    NodeSettings settings() {
        return SettingsReader.read(config);
    }

    Path file() {
        return config;
    }
}
