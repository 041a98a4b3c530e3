package org.regionalexchange.node.crypto.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.node.crypto.MessageOpener;
import org.regionalexchange.node.crypto.MessageSealer;
import org.regionalexchange.node.crypto.Pkcs12NodeKeyring;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.trust.RegionalTrust;

/**
 * Seal (sign, then encrypt) and open (decrypt, verify, trust) of a 2 KB document for 1, 3 and 6 recipients.
 * Run with {@code mvn -B -q -pl node -am -Pbench verify}; see the bench profile in node/pom.xml.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SealOpenBenchmark {

    static final List<String> REGION = List.of("CARICC", "KG", "TJ", "TM", "UZ", "AZ", "KZ");

    @Param({"1", "3", "6"})
    public int recipients;

    private Path folder;
    private MessageSealer sealer;
    private MessageOpener opener;
    private List<X509Certificate> recipientCertificates;
    private ObjectNode header;
    private JsonNode document;
    private byte[] sealed;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        folder = Files.createTempDirectory("seal-open-bench-");
        RegionalPki pki = RegionalPki.create(folder, REGION, Clock.systemUTC());
        sealer = new MessageSealer(Pkcs12NodeKeyring.load(pki.node("KZ").keystore(), pki.password()),
                Clock.systemUTC());
        opener = new MessageOpener(Pkcs12NodeKeyring.load(pki.node("CARICC").keystore(), pki.password()),
                RegionalTrust.fromFiles(pki.caCertificatePem(), pki.crlPem()), Clock.systemUTC());
        List<String> to = REGION.subList(0, recipients);
        recipientCertificates = to.stream().map(id -> pki.node(id).encryption().certificate()).toList();
        ObjectMapper json = new ObjectMapper();
        header = json.createObjectNode().put("messageId", UUID.randomUUID().toString()).put("kind", "seizure-notice")
                .put("schemaVersion", "1-0-0").put("status", "test").put("sender", "KZ");
        to.forEach(header.putArray("recipients")::add);
        header.put("createdAt", "2026-11-23T08:00:00Z").put("handling", "AMBER").put("language", "en");
        ObjectNode body = json.createObjectNode().put("seizureRef", "KZ-BENCH").put("remarks", "x".repeat(1900));
        document = body;
        sealed = sealer.seal(header, document, recipientCertificates);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Benchmark
    public byte[] seal() {
        return sealer.seal(header, document, recipientCertificates);
    }

    @Benchmark
    public OpenedMessage open() {
        return opener.open(sealed);
    }
}
