package org.regionalexchange.certs.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The member's own PKI folder and the password of the keys in it, on the member's machine: {@code certs request}
 * makes the keys there, {@code certs install} puts the certificates beside them. The password comes from a file or
 * the console, never from the command line.
 */
final class MemberFolderOptions {

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The member's PKI folder, later"
            + " its node.pki.dir: `certs request` makes the keys there (created if missing), `certs install` puts"
            + " the certificates with them.")
    Path dir;
    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the keystore password (else asked at the console).")
    Path passwordFile;

    /**
     * @param confirm whether to ask twice at the console: when the password protects new keys
     * @param what what the password is for, in the console's question
     */
    char[] password(boolean confirm, String what) {
        return Passwords.read(passwordFile, confirm, what);
    }
}
