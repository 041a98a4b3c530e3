package org.regionalexchange.node.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.regionalexchange.node.api.ApiClient;
import picocli.CommandLine.Option;

/**
 * The API user a command signs in as, {@code --user} and {@code --user-password-file}: shared by the commands that
 * talk to a running node (send, status, and audit when the node holds its database). Each falls back to the
 * environment ({@value ApiOptions#USER_ENV}, {@value ApiOptions#PASSWORD_ENV}); the password never comes from the
 * command line.
 */
final class ApiUserOptions {

    @Option(names = "--user", paramLabel = "NAME", description = "API user (else $" + ApiOptions.USER_ENV + ").")
    String user;
    @Option(names = "--user-password-file", paramLabel = "FILE", description = "File with the API user's password"
            + " (else $" + ApiOptions.PASSWORD_ENV + ").")
    Path passwordFile;

    /**
     * A client of the API at this URL signed in as the user.
     *
     * @param ca the regional root to trust for https, or null for $NODE_API_CA
     * @throws IllegalArgumentException saying which option or variable is missing
     */
    ApiClient client(String api, Path ca) throws IOException {
        return ApiOptions.client(api, user, passwordFile, ca);
    }
}
