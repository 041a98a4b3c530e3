package org.regionalexchange.node.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.node.crypto.MessageOpener;
import org.regionalexchange.node.crypto.MessageSealer;
import org.regionalexchange.node.crypto.Pkcs12NodeKeyring;
import org.regionalexchange.node.trust.RegionalTrust;

/**
 * Bound A: what cryptography alone allows. Each operation seals the 2 KB notice at KZ (sign, then encrypt for the
 * recipients and KZ itself) and opens it as the first recipient (decrypt, verify, trust), the work a notice costs
 * the two ends of a link, for 1, 3 and 6 recipients on one thread and on two.
 */
final class CryptoBound {

    static final String PHASE = "crypto";
    /** How the 1-recipient cases' names begin: the pipeline compares itself with them. */
    static final String ONE_RECIPIENT = "seal+open, 1 recipient,";
    private static final List<String> RECIPIENTS = List.of("KG", "TJ", "TM", "UZ", "AZ", "CARICC");
    private static final List<Integer> RECIPIENT_COUNTS = List.of(1, 3, 6);
    private static final List<Integer> THREADS = List.of(1, 2);

    private final RegionalPki pki;
    private final RegionalTrust trust;

    CryptoBound(Path folder) {
        List<String> region = new ArrayList<>(RECIPIENTS);
        region.add("KZ");
        pki = RegionalPki.create(folder, region, Clock.systemUTC());
        trust = RegionalTrust.fromFiles(pki.caCertificatePem(), pki.crlPem());
    }

    /** The recipient count a case's name states, e.g. 3 for "seal+open, 3 recipients, 2 threads". */
    static int recipients(String name) {
        return Integer.parseInt(name.substring("seal+open, ".length(), name.indexOf(' ', "seal+open, ".length())));
    }

    List<Figure> run(BenchPlan plan, Meter meter) {
        LongAdder warmedUp = new LongAdder();
        try (Workers warmUp = new Workers(PHASE, 2, () -> task(3, warmedUp))) {
            meter.measure(PHASE + " warm-up, 3 recipients, 2 threads", plan.warmUp(), Duration.ZERO,
                    warmedUp::sum, warmUp::running);
        }
        List<Figure> figures = new ArrayList<>();
        int cases = RECIPIENT_COUNTS.size() * THREADS.size();
        for (int recipients : RECIPIENT_COUNTS) {
            for (int threads : THREADS) {
                String name = "seal+open, " + recipients + (recipients == 1 ? " recipient, " : " recipients, ")
                        + threads + (threads == 1 ? " thread" : " threads");
                LongAdder done = new LongAdder();
                double rate;
                try (Workers workers = new Workers(PHASE, threads, () -> task(recipients, done))) {
                    rate = meter.measure(PHASE + " " + name, Duration.ZERO, plan.share(cases), done::sum,
                            workers::running);
                }
                figures.add(new Figure(PHASE, name, rate, "msg/s"));
            }
        }
        return figures;
    }

    /** Each thread its own sealer and opener, as each of the node's route threads would not share one's state. */
    private Workers.Task task(int recipients, LongAdder done) {
        MessageSealer sealer = new MessageSealer(Pkcs12NodeKeyring.load(pki.node("KZ").keystore(), pki.password()),
                Clock.systemUTC());
        MessageOpener opener = new MessageOpener(Pkcs12NodeKeyring.load(pki.node(RECIPIENTS.get(0)).keystore(),
                pki.password()), trust, Clock.systemUTC());
        List<String> to = RECIPIENTS.subList(0, recipients);
        List<X509Certificate> certificates = to.stream().map(id -> pki.node(id).encryption().certificate()).toList();
        ObjectNode header = new ObjectMapper().createObjectNode().put("messageId", UUID.randomUUID().toString())
                .put("kind", "seizure-notice").put("schemaVersion", "1-0-0").put("status", "test")
                .put("sender", "KZ");
        to.forEach(header.putArray("recipients")::add);
        header.put("createdAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()).put("handling", "AMBER")
                .put("language", "en");
        ObjectNode document = BenchDocument.seizureNotice();
        return () -> {
            opener.open(sealer.seal(header, document, certificates));
            done.increment();
        };
    }
}
