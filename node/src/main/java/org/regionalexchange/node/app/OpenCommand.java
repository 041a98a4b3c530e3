package org.regionalexchange.node.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.regionalexchange.node.crypto.MessageOpener;
import org.regionalexchange.node.crypto.Pkcs12NodeKeyring;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.failure.RejectedMessageException;
import org.regionalexchange.node.trust.RegionalTrust;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Opens a sealed file with a node's keys and checks it exactly as the inbox would; prints the verified header and
 * document, or one line {@code REJECTED <REASON>: <message>} and exit code 2.
 */
@Command(name = "open", description = "Decrypt and verify a sealed envelope file with a node's keystore.")
final class OpenCommand implements Callable<Integer> {

    static final int REJECTED = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Option(names = "--keystore", required = true, description = "The receiving node's node.p12.")
    Path keystore;
    @Option(names = "--password-file", description = "File with the keystore password (else $NODE_KEYSTORE_PASSWORD).")
    Path passwordFile;
    @Option(names = "--ca", required = true, description = "The regional root certificate (ca.crt.pem).")
    Path ca;
    @Option(names = "--crl", required = true, description = "The current CRL (crl.pem).")
    Path crl;
    @Option(names = "--in", required = true, description = "The sealed envelope file.")
    Path in;

    @Override
    public Integer call() throws IOException {
        MessageOpener opener = new MessageOpener(Pkcs12NodeKeyring.load(keystore, Passwords.read(passwordFile)),
                RegionalTrust.fromFiles(ca, crl), Clock.systemUTC());
        try {
            OpenedMessage opened = opener.open(Files.readAllBytes(in));
            ObjectNode verified = JSON.createObjectNode();
            verified.set("header", opened.header());
            verified.set("document", opened.document());
            spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(verified));
            return 0;
        } catch (RejectedMessageException e) {
            spec.commandLine().getErr().println("REJECTED " + e.getMessage().replace('\n', ' '));
            return REJECTED;
        }
    }
}
