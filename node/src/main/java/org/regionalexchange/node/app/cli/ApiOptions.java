package org.regionalexchange.node.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.regionalexchange.node.api.ApiClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a command reaches a running node's API: its URL, the regional root to trust for HTTPS, and the user to sign
 * in as. The password comes from a file or the environment, never from the command line.
 */
final class ApiOptions {

    static final String USER_ENV = "NODE_API_USER";
    static final String PASSWORD_ENV = "NODE_API_PASSWORD";
    static final String CA_ENV = "NODE_API_CA";

    @Option(names = "--api", paramLabel = "URL", defaultValue = "https://127.0.0.1:8080",
            description = "Node API (default: ${DEFAULT-VALUE}).")
    String api;
    @Option(names = "--ca", paramLabel = "FILE",
            description = "The regional root ca.crt.pem to trust for https (else $" + CA_ENV + ").")
    Path ca;
    @Mixin
    ApiUserOptions login;

    ApiClient client() throws IOException {
        return login.client(api, ca);
    }

    /** @throws IllegalArgumentException saying which option or variable is missing */
    static ApiClient client(String api, String user, Path passwordFile, Path ca) throws IOException {
        String name = user != null ? user : System.getenv(USER_ENV);
        if (name == null) {
            throw new IllegalArgumentException("no API user: pass --user NAME (a user made with `node users add`)"
                    + " or set " + USER_ENV);
        }
        char[] password;
        if (passwordFile != null) {
            password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        } else if (System.getenv(PASSWORD_ENV) != null) {
            password = System.getenv(PASSWORD_ENV).toCharArray();
        } else {
            throw new IllegalArgumentException("no API password for " + name + ": pass --user-password-file FILE or"
                    + " set " + PASSWORD_ENV);
        }
        Path trust = ca != null ? ca : System.getenv(CA_ENV) == null ? null : Path.of(System.getenv(CA_ENV));
        if (api.startsWith("https:") && trust == null) {
            throw new IllegalArgumentException("an https API needs the regional root to trust: pass --ca"
                    + " PKI/ca.crt.pem or set " + CA_ENV);
        }
        return new ApiClient(api, trust, new ApiClient.Credentials(name, password));
    }
}
