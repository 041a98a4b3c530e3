package org.regionalexchange.node.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.regionalexchange.node.app.wiring.SettingsReader;
import org.regionalexchange.node.crypto.NodeKeyring;
import org.regionalexchange.node.crypto.Pkcs12NodeKeyring;
import picocli.CommandLine.Option;

/**
 * The node keystore an offline command works with, {@code --keystore} and {@code --password-file}: the sender's for
 * {@code seal}, the receiver's for {@code open}. The password comes from the file or $NODE_KEYSTORE_PASSWORD.
 */
final class KeystoreOptions {

    @Option(names = "--keystore", required = true, paramLabel = "FILE",
            description = "The node's node.p12: the sender's to seal, the receiver's to open.")
    Path keystore;
    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File with the keystore password (else $" + SettingsReader.KEYSTORE_PASSWORD_ENV + ").")
    Path passwordFile;

    NodeKeyring load() throws IOException {
        return Pkcs12NodeKeyring.load(keystore, Passwords.read(passwordFile));
    }
}
