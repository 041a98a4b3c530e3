package org.regionalexchange.node.broker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Local subscribers' logins (customs units, local systems), one {@code name = sha256-hex-of-password} per line.
 * No file means no local logins.
 */
public final class LocalUsers {

    private LocalUsers() {}

    public static Map<String, String> read(Path file) {
        Map<String, String> users = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return users;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read local users from " + file + ": " + e.getMessage(), e);
        }
        properties.forEach((name, digest) -> users.put(name.toString(), digest.toString().strip()));
        return users;
    }
}
