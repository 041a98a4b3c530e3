package org.regionalexchange.node.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --dir} of the commands that build a region of their own (demo, bench, faults): where its CA, each
 * node's keys, journals, databases, logs and any report go, a new temporary folder unless given.
 */
public final class WorkFolderOption {

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder for the region this run builds: CA and node"
            + " keys, journals, databases, logs and any report (default: a new temporary one).")
    Path dir;

    /** The folder given, created if missing, or a new temporary one whose name starts with the prefix. */
    public Path create(String prefix) throws IOException {
        return dir != null ? Files.createDirectories(dir) : Files.createTempDirectory(prefix);
    }
}
