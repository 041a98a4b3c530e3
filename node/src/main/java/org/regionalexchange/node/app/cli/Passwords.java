package org.regionalexchange.node.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.regionalexchange.node.app.wiring.SettingsReader;

/** Keystore passwords for the offline commands: from a file, else from the environment, never from arguments. */
final class Passwords {

    private Passwords() {}

    static char[] read(Path file) throws IOException {
        if (file != null) {
            return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
        }
        String fromEnvironment = System.getenv(SettingsReader.KEYSTORE_PASSWORD_ENV);
        if (fromEnvironment == null) {
            throw new IllegalArgumentException("no keystore password: pass --password-file or set "
                    + SettingsReader.KEYSTORE_PASSWORD_ENV);
        }
        return fromEnvironment.toCharArray();
    }
}
