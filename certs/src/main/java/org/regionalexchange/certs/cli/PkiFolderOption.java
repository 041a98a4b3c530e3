package org.regionalexchange.certs.cli;

import java.nio.file.Path;
import org.regionalexchange.certs.RegionalPki;
import picocli.CommandLine.Option;

/** The {@code --pki} folder of the commands that work on a region made by {@code certs region}. */
final class PkiFolderOption {

    @Option(names = "--pki", required = true, paramLabel = "DIR", description = "Folder made by `certs region`.")
    Path pki;

    /** The region in the folder, with its CA; a {@code PkiException} says what is missing from it. */
    RegionalPki load() {
        return RegionalPki.load(pki);
    }

    Path folder() {
        return pki;
    }
}
