package org.regionalexchange.node.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.regionalexchange.node.crypto.MessageSealer;
import org.regionalexchange.node.crypto.NodeKeyring;
import org.regionalexchange.node.outbox.InvalidSubmissionException;
import org.regionalexchange.node.outbox.OutgoingMessage;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.outbox.SubmissionChecker;
import org.regionalexchange.node.routing.CertificateDirectory;
import org.regionalexchange.node.routing.NextHopResolver;
import org.regionalexchange.schemas.SchemaCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Seals a document file for given recipients, offline, after the checks the node makes before sending (the kind, the
 * schemas, the message rules, an encryption certificate per recipient); prints every problem and exits 2 otherwise.
 * Offline there are no links, so every recipient counts as reachable, and no store, so references are not looked up.
 */
@Command(name = "seal", description = "Sign and encrypt a document file for recipients; writes the envelope.")
public final class SealCommand implements Callable<Integer> {

    static final int INVALID = 2;
    /** Offline every recipient is a direct link (the file is carried by hand), so the hub is never chosen. */
    private static final String OFFLINE_HUB = "CARICC";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Mixin
    KeystoreOptions keystore;
    @Option(names = "--certs-dir", required = true, paramLabel = "DIR",
            description = "Folder with <NODE>/encryption.crt.pem per member.")
    Path certificates;
    @Mixin
    DocumentOptions document;
    @Mixin
    RegionRulesOptions rules;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the sealed envelope.")
    Path out;

    @Override
    public Integer call() throws IOException {
        NodeKeyring keys = keystore.load();
        JsonNode content = document.document();
        Clock clock = Clock.systemUTC();
        Submission submission = new Submission(document.kind, document.recipients, document.handling, content,
                List.of(), document.expiresAt(clock.instant()), document.language, "actual");
        CertificateDirectory directory = new CertificateDirectory(certificates);
        OutgoingMessage message;
        try {
            message = checker(keys.nodeId(), directory, clock).check(submission);
        } catch (InvalidSubmissionException e) {
            spec.commandLine().getErr().printf("not sealed: %d problem(s)%n", e.violations().size());
            e.violations().forEach(v -> spec.commandLine().getErr().printf("  %s %s%n",
                    v.pointer().isEmpty() ? "/" : v.pointer(), v.message()));
            return INVALID;
        }
        byte[] wire = new MessageSealer(keys, clock).seal(message.header(), content,
                directory.encryptionCertificates(message.finalRecipients()));
        Files.write(out, wire);
        if (content.has("references")) {
            spec.commandLine().getErr().println("note: references were not checked against a store (offline)");
        }
        spec.commandLine().getOut().printf("sealed %s from %s for %s: %s (%d bytes)%n", message.messageId(),
                keys.nodeId(), message.finalRecipients(), out, wire.length);
        return 0;
    }

    /** The node's own submission check, with every recipient reachable and no store to look references up in. */
    private SubmissionChecker checker(String self, CertificateDirectory directory, Clock clock) {
        Set<String> reachable = new LinkedHashSet<>(rules.region);
        reachable.addAll(document.recipients);
        reachable.remove(NextHopResolver.REGIONAL);
        NextHopResolver resolver = new NextHopResolver(self, OFFLINE_HUB, rules.region, reachable);
        return new SubmissionChecker(self, SchemaCatalog.load(), resolver, directory, clock, rules.rules(self, clock));
    }
}
