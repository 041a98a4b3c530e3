package org.regionalexchange.certs.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.regionalexchange.certs.PkiException;

/**
 * The member's keystore password: from a file (the same file a node reads with {@code node.pki.password-file}) or
 * typed at the console, never from the command line, where other users and the shell history would see it.
 */
final class Passwords {

    static final int MINIMUM_LENGTH = 12;

    private Passwords() {}

    /**
     * @param file the password file, or null to ask at the console
     * @param confirm whether to ask twice: when the password protects new keys
     */
    static char[] read(Path file, boolean confirm, String what) {
        char[] password = file != null ? fromFile(file) : fromConsole(confirm, what);
        if (password.length < MINIMUM_LENGTH) {
            throw new PkiException("the keystore password " + (file != null ? "in " + file + " " : "")
                    + "has " + password.length + " characters: use at least " + MINIMUM_LENGTH);
        }
        return password;
    }

    private static char[] fromFile(Path file) {
        try {
            // Read as the node reads node.pki.password-file: UTF-8, surrounding white space dropped.
            return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw new PkiException("cannot read the password file " + file + ": " + e.getMessage()
                    + "; check the path and that it is readable by this user", e);
        }
    }

    private static char[] fromConsole(boolean confirm, String what) {
        Console console = System.console();
        if (console == null) {
            throw new PkiException("no console to ask for the keystore password of " + what
                    + ": pass --password-file F (a file readable only by you)");
        }
        char[] password = console.readPassword("keystore password for %s: ", what);
        if (password == null) {
            throw new PkiException("no password given");
        }
        if (confirm) {
            char[] again = console.readPassword("again: ");
            if (again == null || !Arrays.equals(password, again)) {
                throw new PkiException("the two passwords differ: run the command again");
            }
        }
        return password;
    }
}
