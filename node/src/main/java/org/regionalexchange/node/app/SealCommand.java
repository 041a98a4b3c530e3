package org.regionalexchange.node.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.regionalexchange.node.crypto.MessageSealer;
import org.regionalexchange.node.crypto.NodeKeyring;
import org.regionalexchange.node.crypto.Pkcs12NodeKeyring;
import org.regionalexchange.node.envelope.StrictJson;
import org.regionalexchange.node.outbox.InvalidSubmissionException;
import org.regionalexchange.node.outbox.OutgoingMessage;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.outbox.SubmissionChecker;
import org.regionalexchange.node.routing.CertificateDirectory;
import org.regionalexchange.node.routing.NextHopResolver;
import org.regionalexchange.node.rules.MessageRules;
import org.regionalexchange.schemas.SchemaCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Seals a document file for given recipients, offline, after the checks the node makes before sending (the kind, the
 * schemas, the message rules, an encryption certificate per recipient); prints every problem and exits 2 otherwise.
 * Offline there are no links, so every recipient counts as reachable, and no store, so references are not looked up.
 */
@Command(name = "seal", description = "Sign and encrypt a document file for recipients; writes the envelope.")
final class SealCommand implements Callable<Integer> {

    static final int INVALID = 2;
    /** Offline every recipient is a direct link (the file is carried by hand), so the hub is never chosen. */
    private static final String OFFLINE_HUB = "CARICC";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Option(names = "--keystore", required = true, description = "The sender's node.p12.")
    Path keystore;
    @Option(names = "--password-file", description = "File with the keystore password (else $NODE_KEYSTORE_PASSWORD).")
    Path passwordFile;
    @Option(names = "--certs-dir", required = true, description = "Folder with <NODE>/encryption.crt.pem per member.")
    Path certificates;
    @Option(names = "--kind", required = true, description = "seizure-notice, list-entry, early-warning, ...")
    String kind;
    @Option(names = "--to", required = true, split = ",", description = "Recipient node ids or REGIONAL, e.g. KG,CARICC.")
    List<String> recipients;
    @Option(names = "--region", split = ",", defaultValue = "CARICC,KZ,KG,TJ,TM,UZ",
            description = "The members REGIONAL stands for (default: ${DEFAULT-VALUE}).")
    List<String> region;
    @Option(names = "--clock-tolerance", defaultValue = "PT5M",
            description = "How far ahead of now a past event may be dated (default: ${DEFAULT-VALUE}).")
    Duration clockTolerance;
    @Option(names = "--handling", defaultValue = "AMBER", description = "TLP 2.0 code (default: ${DEFAULT-VALUE}).")
    String handling;
    @Option(names = "--language", defaultValue = "en", description = "Language of the original text.")
    String language;
    @Option(names = "--expires-in", description = "ISO-8601 duration, e.g. P7D.")
    Duration expiresIn;
    @Option(names = "--in", required = true, description = "The document (JSON).")
    Path in;
    @Option(names = "--out", required = true, description = "Where to write the sealed envelope.")
    Path out;

    @Override
    public Integer call() throws IOException {
        NodeKeyring keys = Pkcs12NodeKeyring.load(keystore, Passwords.read(passwordFile));
        JsonNode document = StrictJson.DEFAULT.read(in);
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Submission submission = new Submission(kind, recipients, handling, document, List.of(),
                expiresIn == null ? null : now.plus(expiresIn), language, "actual");
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
        byte[] wire = new MessageSealer(keys, clock).seal(message.header(), document,
                directory.encryptionCertificates(message.finalRecipients()));
        Files.write(out, wire);
        if (document.has("references")) {
            spec.commandLine().getErr().println("note: references were not checked against a store (offline)");
        }
        spec.commandLine().getOut().printf("sealed %s from %s for %s: %s (%d bytes)%n", message.messageId(),
                keys.nodeId(), message.finalRecipients(), out, wire.length);
        return 0;
    }

    /** The node's own submission check, with every recipient reachable and no store to look references up in. */
    private SubmissionChecker checker(String self, CertificateDirectory directory, Clock clock) {
        Set<String> reachable = new LinkedHashSet<>(region);
        reachable.addAll(recipients);
        reachable.remove(NextHopResolver.REGIONAL);
        NextHopResolver resolver = new NextHopResolver(self, OFFLINE_HUB, region, reachable);
        return new SubmissionChecker(self, SchemaCatalog.load(), resolver, directory, clock,
                new MessageRules(self, region, clock, clockTolerance, null));
    }
}
