package org.regionalexchange.node.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.regionalexchange.node.crypto.MessageSealer;
import org.regionalexchange.node.crypto.NodeKeyring;
import org.regionalexchange.node.crypto.Pkcs12NodeKeyring;
import org.regionalexchange.node.envelope.StrictJson;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.routing.CertificateDirectory;
import org.regionalexchange.schemas.SchemaCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Seals a document file for given recipients, offline, as the node would before sending it. */
@Command(name = "seal", description = "Sign and encrypt a document file for recipients; writes the envelope.")
final class SealCommand implements Callable<Integer> {

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
    @Option(names = "--to", required = true, split = ",", description = "Recipient node ids, e.g. KG,CARICC.")
    List<String> recipients;
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
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode header = new Submission(kind, recipients, handling, document, List.of(),
                expiresIn == null ? null : now.plus(expiresIn), language, "actual")
                .header(keys.nodeId(), SchemaCatalog.CURRENT_VERSION, now);
        CertificateDirectory directory = new CertificateDirectory(certificates);
        byte[] wire = new MessageSealer(keys, Clock.systemUTC()).seal(header, document,
                directory.encryptionCertificates(recipients));
        Files.write(out, wire);
        spec.commandLine().getOut().printf("sealed %s from %s for %s: %s (%d bytes)%n",
                header.get("messageId").asText(), keys.nodeId(), recipients, out, wire.length);
        return 0;
    }
}
