package org.regionalexchange.node.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.regionalexchange.node.crypto.MessageOpener;
import org.regionalexchange.node.crypto.NodeKeyring;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.failure.RejectedMessageException;
import org.regionalexchange.node.rules.ReceivedMessageCheck;
import org.regionalexchange.node.rules.RuleReport;
import org.regionalexchange.node.trust.RegionalTrust;
import org.regionalexchange.schemas.SchemaCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Opens a sealed file with a node's keys and checks it as the inbox would (protection, schemas, message rules), but
 * without a store, so references to earlier messages are not looked up; prints the verified header and document, or
 * one line {@code REJECTED <REASON>: <message>} and exit code 2.
 */
@Command(name = "open", description = "Decrypt and verify a sealed envelope file with a node's keystore.")
public final class OpenCommand implements Callable<Integer> {

    static final int REJECTED = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Mixin
    KeystoreOptions keystore;
    @Option(names = "--ca", required = true, paramLabel = "FILE",
            description = "The regional root certificate (ca.crt.pem).")
    Path ca;
    @Option(names = "--crl", required = true, paramLabel = "FILE", description = "The current CRL (crl.pem).")
    Path crl;
    @Option(names = "--in", required = true, paramLabel = "FILE", description = "The sealed envelope file.")
    Path in;
    @Mixin
    RegionRulesOptions rules;

    @Override
    public Integer call() throws IOException {
        NodeKeyring keys = keystore.load();
        Clock clock = Clock.systemUTC();
        MessageOpener opener = new MessageOpener(keys, RegionalTrust.fromFiles(ca, crl), clock);
        ReceivedMessageCheck check = new ReceivedMessageCheck(SchemaCatalog.load(), rules.rules(keys.nodeId(), clock));
        try {
            OpenedMessage opened = opener.open(Files.readAllBytes(in));
            RuleReport report = check.check(opened);
            if (!report.isEmpty()) {
                throw new RejectedMessageException(report.reason(), opened.messageId(), report.describe());
            }
            ObjectNode verified = JSON.createObjectNode();
            verified.set("header", opened.header());
            verified.set("document", opened.document());
            spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(verified));
            spec.commandLine().getErr().println("note: references to earlier messages were not checked against a"
                    + " store (offline open has none)");
            return 0;
        } catch (RejectedMessageException e) {
            spec.commandLine().getErr().println("REJECTED " + e.getMessage().replace('\n', ' '));
            return REJECTED;
        }
    }
}
