package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.NodeCli;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.app.wiring.NodeSettings;
import org.regionalexchange.node.crypto.MessageSealer;
import org.regionalexchange.node.crypto.Pkcs12NodeKeyring;
import org.regionalexchange.node.crypto.RawSealer;
import org.regionalexchange.node.routing.CertificateDirectory;
import picocli.CommandLine;

/**
 * The hostile corpus: envelopes a faulty or hostile member could send and submissions a careless or hostile client
 * could post, each refused at every boundary it can reach with the reason it deserves. Envelopes go to KG's peer
 * inbox over KZ's (or TJ's) own mutual-TLS link, and, where no store is needed to judge them, through the offline
 * {@code open} with KG's keys; submissions go to KZ's REST API. Valid traffic flows before and after.
 */
class HostileCorpusIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String RECEIVER = "KG";

    @TempDir
    static Path folder;

    static LocalRegion region;
    static Injector kazakhstan;
    static Injector tajikistan;
    static String tajikAlert;

    /** One crafted envelope, the reason it must be refused with, and whether offline open can judge it alone. */
    record EnvelopeCase(String name, String reason, boolean offline, Injector sender, String deliverTo,
            Supplier<byte[]> wire) {}

    /** One crafted submission and the answer it must get: status, and text of the problem or a violation. */
    record SubmissionCase(String name, int status, String expected, Supplier<HttpRequest.Builder> request) {}

    @BeforeAll
    static void startRegion() {
        region = new LocalRegion(folder, List.of("KZ", "KG", "TJ"), List.of(List.of("KZ", "KG"),
                List.of("TJ", "KG"), List.of("KZ", "TJ")));
        region.set(RECEIVER, "node.rules.reference-attempts", "2");
        region.start("KZ");
        region.start("KG");
        region.start("TJ");
        kazakhstan = new Injector(region, "KZ");
        tajikistan = new Injector(region, "TJ");
        tajikAlert = delivered(region.client("TJ", Role.FOCAL_POINT), alert(List.of(RECEIVER, "KZ")));
    }

    @AfterAll
    static void stopRegion() {
        region.close();
    }

    @Test
    void everyHostileEnvelopeIsQuarantinedAtThePeerInboxWithItsReasonAndTheStreamGoesOn() throws Exception {
        List<EnvelopeCase> corpus = envelopes();
        Map<String, EnvelopeCase> sent = new LinkedHashMap<>();
        for (EnvelopeCase hostile : corpus) {
            byte[] wire = hostile.wire().get();
            hostile.sender().deliver(wire, "corpus-" + UUID.randomUUID(), RECEIVER, hostile.deliverTo());
            assertThat(sent.put(org.regionalexchange.node.audit.AuditEntry.sha256(wire), hostile))
                    .as("two cases with the same bytes").isNull();
        }
        ApiClient auditor = region.client(RECEIVER, Role.AUDITOR);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Map<String, JsonNode> found = quarantined(auditor, sent);
            assertThat(sent.entrySet().stream().filter(e -> !found.containsKey(e.getKey()))
                    .map(e -> e.getValue().name())).as("cases not quarantined yet").isEmpty();
        });

        Map<String, JsonNode> entries = quarantined(auditor, sent);
        SoftAssertions softly = new SoftAssertions();
        sent.forEach((digest, hostile) -> {
            JsonNode entry = entries.get(digest);
            softly.assertThat(entry.path("reasonCode").asText()).as(hostile.name()).isEqualTo(hostile.reason());
            softly.assertThat(entry.path("detail").asText()).as(hostile.name() + " detail").isNotBlank();
            softly.assertThat(entry.path("deliveringPeer").asText()).as(hostile.name())
                    .isEqualTo(hostile.sender() == tajikistan ? "TJ" : "KZ");
        });
        softly.assertAll();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
        assertValidTrafficFlows();
    }

    @Test
    void everyHostileEnvelopeThatNeedsNoStoreIsRejectedOfflineWithTheSameReason() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        for (EnvelopeCase hostile : envelopes()) {
            if (!hostile.offline()) {
                continue;
            }
            Path file = Files.write(folder.resolve("offline-" + checked++ + ".json"), hostile.wire().get());
            StringWriter err = new StringWriter();
            CommandLine open = NodeCli.commandLine();
            open.setOut(new PrintWriter(new StringWriter(), true));
            open.setErr(new PrintWriter(err, true));
            RegionalPki pki = region.pki();
            int exit = open.execute("open", "--keystore", pki.node(RECEIVER).keystore().toString(),
                    "--password-file", pki.directory().resolve("keystore.pass").toString(),
                    "--ca", pki.caCertificatePem().toString(), "--crl", pki.crlPem().toString(),
                    "--in", file.toString());
            softly.assertThat(exit).as(hostile.name() + ": " + err).isEqualTo(2);
            softly.assertThat(err.toString()).as(hostile.name()).startsWith("REJECTED " + hostile.reason() + ":");
        }
        softly.assertAll();
        assertThat(checked).isGreaterThanOrEqualTo(25);
    }

    @Test
    void everyHostileSubmissionIsRefusedAtTheApiNamingTheProblemAndNothingIsSent() throws Exception {
        ApiClient focal = region.client("KZ", Role.FOCAL_POINT);
        String summaryBefore = focal.get("api/v1/delivery-summary").body();
        SoftAssertions softly = new SoftAssertions();
        List<SubmissionCase> corpus = submissions();
        for (SubmissionCase hostile : corpus) {
            ApiClient.Response response = focal.send(hostile.request().get());
            softly.assertThat(response.status()).as(hostile.name() + ": " + response.body())
                    .isEqualTo(hostile.status());
            if (hostile.expected() != null) {
                softly.assertThat(response.body()).as(hostile.name()).contains(hostile.expected());
            }
            softly.assertThat(response.body()).as(hostile.name()).doesNotContain("Exception")
                    .doesNotContain("org.apache");
        }
        softly.assertAll();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(15);
        assertThat(focal.get("api/v1/delivery-summary").body()).isEqualTo(summaryBefore);
    }

    private static List<EnvelopeCase> envelopes() {
        List<EnvelopeCase> cases = new ArrayList<>();
        cases.addAll(malformed());
        cases.addAll(forged());
        cases.addAll(implausible());
        cases.addAll(storeDependent());
        return cases;
    }

    private static List<EnvelopeCase> malformed() {
        return List.of(
                kz("garbage bytes", "MALFORMED", true, () -> bytes("hello, inbox")),
                kz("empty message", "MALFORMED", true, () -> new byte[0]),
                kz("a JSON array", "MALFORMED", true, () -> bytes("[]")),
                kz("an empty JSON object", "MALFORMED", true, () -> bytes("{}")),
                kz("an unknown envelope format", "MALFORMED", true, () -> bytes(edit(valid(),
                        w -> w.put("format", "regional-exchange-envelope/9")))),
                kz("protected part not base64", "MALFORMED", true, () -> bytes(edit(valid(),
                        w -> w.put("protected", "!!not base64!!")))),
                kz("protected part not CMS", "MALFORMED", true, () -> bytes(edit(valid(),
                        w -> w.put("protected", Base64.getEncoder().encodeToString(bytes("not CMS at all")))))),
                kz("duplicate key in the clear header", "MALFORMED", true, () -> bytes(new String(
                        sealed(header(), seizure()), StandardCharsets.UTF_8)
                        .replaceFirst("\"handling\":", "\"handling\":\"CLEAR\",\"handling\":"))),
                kz("duplicate key in the signed header", "MALFORMED", true, () -> raw(header(), content ->
                        content.replaceFirst("\"handling\":", "\"handling\":\"CLEAR\",\"handling\":"))),
                kz("duplicate key in the signed document", "MALFORMED", true, () -> raw(header(), content ->
                        content.replaceFirst("\"value\":", "\"value\":3.7,\"value\":"))),
                kz("nesting deeper than the limit", "MALFORMED", true, () -> raw(header(), content ->
                        content.replaceFirst("\"seizureDate\":", "\"deep\":" + "[".repeat(40) + "]".repeat(40)
                                + ",\"seizureDate\":"))),
                kz("array longer than the limit", "MALFORMED", true, () -> raw(header(), content ->
                        content.replaceFirst("\"seizureDate\":", "\"long\":[" + "0,".repeat(10_000)
                                + "0],\"seizureDate\":"))),
                kz("string longer than the limit", "MALFORMED", true, () -> raw(header(), content ->
                        content.replaceFirst("\"seizureDate\":", "\"long\":\"" + "x".repeat(100_001)
                                + "\",\"seizureDate\":"))),
                kz("content after the signed JSON", "MALFORMED", true, () -> raw(header(), content ->
                        content + "{\"again\":true}")),
                kz("signed content without a document", "MALFORMED", true, () -> raw(header(), content ->
                        content.substring(0, content.indexOf(",\"document\":")) + "}")));
    }

    private static List<EnvelopeCase> forged() {
        return List.of(
                kz("tampered ciphertext", "DECRYPT_FAILED", true, () -> {
                    ObjectNode wire = valid();
                    byte[] cms = Base64.getDecoder().decode(wire.get("protected").asText());
                    cms[cms.length - 1] ^= 0x01;
                    return bytes(wire.put("protected", Base64.getEncoder().encodeToString(cms)).toString());
                }),
                kz("encrypted for another node only", "NOT_A_RECIPIENT", true, () ->
                        kazakhstan.seal(header(), seizure(), "TJ")),
                kz("signed under a CA that is not the region's", "UNTRUSTED_SIGNER", true,
                        HostileCorpusIT::foreignSigner),
                kz("a sender that did not sign it", "SENDER_MISMATCH", true, () ->
                        sealed(header().put("sender", "TJ"), seizure())),
                kz("clear recipients changed on the way", "HEADER_MISMATCH", true, () -> bytes(edit(valid(), w -> {
                    ((ObjectNode) w.get("header")).putArray("recipients").add(RECEIVER).add("TJ");
                }))),
                kz("clear kind changed on the way", "HEADER_MISMATCH", true, () -> bytes(edit(valid(),
                        w -> ((ObjectNode) w.get("header")).put("kind", "list-entry")))),
                kz("expired before it arrived", "EXPIRED", true, () -> sealed(
                        kazakhstan.header(RECEIVER, Instant.now().minus(Duration.ofMinutes(5))), seizure())),
                kz("document against its schema", "SCHEMA_INVALID", true, () -> {
                    ObjectNode document = seizure().deepCopy();
                    ((ObjectNode) document.get("items").get(0).get("quantity")).put("unit", "grams");
                    return sealed(header(), document);
                }),
                kz("an unknown kind", "SCHEMA_INVALID", true, () -> sealed(header().put("kind", "gossip"),
                        seizure())),
                kz("signed header that does not list this node", "NOT_ADDRESSED", true, () -> {
                    ObjectNode header = header();
                    header.putArray("recipients").add("TJ");
                    return kazakhstan.seal(header, seizure(), RECEIVER);
                }),
                kz("signed an hour in the future", "SIGNED_IN_FUTURE", true, () ->
                        sealedAt(Duration.ofHours(1), header(), seizure())),
                kz("signed a year in the future", "SIGNED_IN_FUTURE", true, () ->
                        sealedAt(Duration.ofDays(365), header(), seizure())));
    }

    private static List<EnvelopeCase> implausible() {
        return List.of(
                kz("created in the year 9999", "IMPLAUSIBLE", true, () ->
                        sealed(header().put("createdAt", "9999-01-01T00:00:00Z"), seizure())),
                kz("expiring before it was created", "IMPLAUSIBLE", true, () -> sealed(header()
                        .put("createdAt", Instant.now().plus(Duration.ofMinutes(4)).truncatedTo(ChronoUnit.SECONDS)
                                .toString())
                        .put("expiresAt", Instant.now().plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS)
                                .toString()), seizure())),
                kz("1e308 kilograms", "IMPLAUSIBLE", true, () -> sealed(header(), quantity("1e308", "kg"))),
                kz("a million tonnes", "IMPLAUSIBLE", true, () -> sealed(header(), quantity("1000000000", "kg"))),
                kz("a seizure dated next year", "IMPLAUSIBLE", true, () -> sealed(header(),
                        seizure().deepCopy().put("seizureDate", Instant.now().plus(Duration.ofDays(400))
                                .toString().substring(0, 10)))),
                kz("a seizure dated before 1900", "IMPLAUSIBLE", true, () -> sealed(header(),
                        seizure().deepCopy().put("seizureDate", "1850-01-01"))));
    }

    /** Cases that only a node with a store can judge: it must know the earlier messages. */
    private static List<EnvelopeCase> storeDependent() {
        return List.of(
                kz("cancel of an alert nobody sent", "UNKNOWN_REFERENCE", false, () ->
                        sealedWarning(kazakhstan, cancel(UUID.randomUUID().toString()))),
                kz("cancel of another member's alert", "FOREIGN_REFERENCE", false, () ->
                        sealedWarning(kazakhstan, cancel(tajikAlert))),
                new EnvelopeCase("relay towards a node without a link", "NO_ROUTE", false, kazakhstan, "TM",
                        () -> sealed(header(), seizure())),
                kz("different content under a stored messageId", "REPLAY", false, HostileCorpusIT::replay));
    }

    private static List<SubmissionCase> submissions() {
        return List.of(
                raw("no Content-Type", 415, "no Content-Type", null, "{}"),
                raw("text/plain", 415, "text/plain", "text/plain", "{}"),
                raw("a form", 415, "x-www-form-urlencoded", "application/x-www-form-urlencoded", "a=b"),
                json("not JSON", 400, "not", "{\"kind\":"),
                json("a JSON array", 400, "object", "[]"),
                json("duplicate top-level key", 400, "duplicate key \\\"kind\\\"",
                        "{\"kind\":\"seizure-notice\",\"kind\":\"list-entry\",\"recipients\":[\"KG\"]}"),
                json("duplicate key in the document", 400, "duplicate key \\\"value\\\" at /document/items/0",
                        submission("seizure-notice", seizure()).replaceFirst("\"value\":", "\"value\":3.7,\"value\":")),
                json("unknown kind", 400, "/kind", submission("gossip", seizure())),
                json("document against its schema", 400, "/document/items/0/quantity/unit",
                        submission("seizure-notice", quantity("3", "grams"))),
                json("unknown recipient", 400, "/recipients/0", submission("seizure-notice", seizure())
                        .replace("\"recipients\":[\"KG\"]", "\"recipients\":[\"XX\"]")),
                json("itself as recipient", 400, "/recipients/0", submission("seizure-notice", seizure())
                        .replace("\"recipients\":[\"KG\"]", "\"recipients\":[\"KZ\"]")),
                json("handling not a TLP code", 400, "/handling", submission("seizure-notice", seizure())
                        .replace("\"handling\":\"AMBER\"", "\"handling\":\"PURPLE\"")),
                json("expiresAt not a date-time", 400, "/expiresAt", withExpiry("next week")),
                json("expiresAt already past", 400, "/expiresAt", withExpiry(Instant.now()
                        .minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString())),
                json("1e308 kilograms", 400, "/document/items/0/quantity", submission("seizure-notice",
                        quantity("1e308", "kg"))),
                json("a seizure dated next year", 400, "/document/seizureDate", submission("seizure-notice",
                        seizure().deepCopy().put("seizureDate", Instant.now().plus(Duration.ofDays(400)).toString()
                                .substring(0, 10)))),
                json("cancel of an alert this node never sent", 400, "references",
                        warningSubmission(cancel(UUID.randomUUID().toString()))),
                json("cancel of another member's alert", 400, "references", warningSubmission(cancel(tajikAlert))),
                json("nesting deeper than the limit", 400, "deeper than", submission("seizure-notice", seizure())
                        .replaceFirst("\"seizureDate\":", "\"deep\":" + "[".repeat(40) + "]".repeat(40)
                                + ",\"seizureDate\":")),
                raw("a body over the limit", 413, null, "application/json", "{\"pad\":\"" + "x".repeat(2 << 20)
                        + "\"}"));
    }

    private static EnvelopeCase kz(String name, String reason, boolean offline, Supplier<byte[]> wire) {
        return new EnvelopeCase(name, reason, offline, kazakhstan, RECEIVER, wire);
    }

    private static SubmissionCase json(String name, int status, String expected, String body) {
        return raw(name, status, expected, "application/json", body);
    }

    private static SubmissionCase raw(String name, int status, String expected, String type, String body) {
        return new SubmissionCase(name, status, expected, () -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI_KZ.get().resolve("api/v1/messages"))
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            return type == null ? request : request.header("Content-Type", type);
        });
    }

    static final Supplier<java.net.URI> URI_KZ = () -> java.net.URI.create(region.baseUrl("KZ") + "/");

    private static ObjectNode header() {
        return kazakhstan.header(RECEIVER, null);
    }

    private static ObjectNode seizure() {
        return (ObjectNode) Documents.example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json");
    }

    private static ObjectNode quantity(String value, String unit) {
        ObjectNode document = seizure().deepCopy();
        ObjectNode quantity = (ObjectNode) document.get("items").get(0).get("quantity");
        quantity.put("unit", unit);
        quantity.set("value", JSON.getNodeFactory().numberNode(new java.math.BigDecimal(value)));
        return document;
    }

    private static byte[] sealed(ObjectNode header, JsonNode document) {
        return kazakhstan.seal(header, document, RECEIVER);
    }

    private static byte[] sealedAt(Duration ahead, ObjectNode header, JsonNode document) {
        NodeSettings settings = region.node("KZ").settings();
        return new MessageSealer(Pkcs12NodeKeyring.load(settings.pki().keystore(), settings.pki().password()),
                Clock.offset(Clock.systemUTC(), ahead)).seal(header, document,
                new CertificateDirectory(settings.pki().certificatesDir()).encryptionCertificates(List.of(RECEIVER)));
    }

    /** Signs the {header, document} text after an edit no JSON tree can express. */
    private static byte[] raw(ObjectNode header, java.util.function.UnaryOperator<String> edit) {
        NodeSettings settings = region.node("KZ").settings();
        MessageSealer sealer = new MessageSealer(Pkcs12NodeKeyring.load(settings.pki().keystore(),
                settings.pki().password()), Clock.systemUTC());
        return RawSealer.seal(sealer, header, edit.apply(RawSealer.content(header, seizure())),
                new CertificateDirectory(settings.pki().certificatesDir()).encryptionCertificates(List.of(RECEIVER)));
    }

    /** KZ's keys under a root CA of its own making: a node outside the region pretending to be KZ. */
    private static byte[] foreignSigner() {
        RegionalPki foreign = RegionalPki.create(folder.resolve("foreign-pki"), List.of("KZ"), Clock.systemUTC());
        MessageSealer sealer = new MessageSealer(Pkcs12NodeKeyring.load(foreign.node("KZ").keystore(),
                foreign.password()), Clock.systemUTC());
        return sealer.seal(header(), seizure(), new CertificateDirectory(region.pki().directory())
                .encryptionCertificates(List.of(RECEIVER)));
    }

    private static byte[] replay() {
        ObjectNode header = header();
        String id = header.get("messageId").asText();
        kazakhstan.deliver(sealed(header, seizure()), id, RECEIVER);
        await().atMost(Duration.ofSeconds(30)).until(() -> Documents.inboxIds(
                region.node(RECEIVER).services().api().inbox(null, null, null, "500")).contains(id));
        return sealed(header, seizure().deepCopy().put("seizureRef", "KG-MVD-2024-9999"));
    }

    private static ObjectNode valid() {
        try {
            return (ObjectNode) JSON.readTree(sealed(header(), seizure()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String edit(ObjectNode wire, java.util.function.Consumer<ObjectNode> change) {
        change.accept(wire);
        return wire.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode alert(List<String> recipients) {
        ObjectNode body = JSON.createObjectNode().put("kind", "early-warning").put("handling", "AMBER")
                .put("expiresAt", Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS).toString());
        recipients.forEach(body.putArray("recipients")::add);
        body.set("document", Documents.example("valid/early-warning/1-0-0/caricc-metonitazene-new-substance.json"));
        return body;
    }

    private static ObjectNode cancel(String alertId) {
        ObjectNode document = Documents.example("valid/early-warning/1-0-0/uz-tesla-tablets-cancel.json").deepCopy();
        ((ObjectNode) document.get("references").get(0)).put("messageId", alertId);
        return document;
    }

    private static byte[] sealedWarning(Injector sender, ObjectNode document) {
        ObjectNode header = sender.header(RECEIVER, Instant.now().plus(Duration.ofDays(1))
                .truncatedTo(ChronoUnit.SECONDS)).put("kind", "early-warning");
        header.putArray("references").addObject().put("messageId",
                document.get("references").get(0).get("messageId").asText()).put("relation", "cancels");
        return sender.seal(header, document, RECEIVER);
    }

    private static String submission(String kind, JsonNode document) {
        ObjectNode body = JSON.createObjectNode().put("kind", kind).put("handling", "AMBER");
        body.putArray("recipients").add(RECEIVER);
        body.set("document", document);
        return body.toString();
    }

    private static String withExpiry(String expiresAt) {
        ObjectNode body = (ObjectNode) parse(submission("seizure-notice", seizure()));
        return body.put("expiresAt", expiresAt).toString();
    }

    private static String warningSubmission(ObjectNode document) {
        ObjectNode body = alert(List.of(RECEIVER));
        body.set("document", document);
        body.putArray("references").add(document.get("references").get(0));
        return body.toString();
    }

    private static String delivered(ApiClient client, ObjectNode body) {
        try {
            ApiClient.Response response = client.post("api/v1/messages", body.toString());
            assertThat(response.status()).as(response.body()).isEqualTo(202);
            String id = JSON.readTree(response.body()).get("messageId").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> Documents.inboxIds(
                    region.node(RECEIVER).services().api().inbox("early-warning", null, null, "100")).contains(id));
            return id;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, JsonNode> quarantined(ApiClient auditor, Map<String, EnvelopeCase> sent)
            throws Exception {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        Long before = null;
        while (true) {
            JsonNode page = JSON.readTree(auditor.get("api/v1/quarantine?limit=500"
                    + (before == null ? "" : "&before=" + before)).body());
            for (JsonNode entry : page) {
                found.put(entry.path("sha256").asText(), entry);
                before = entry.get("id").asLong();
            }
            if (page.size() < 500) {
                break;
            }
        }
        found.keySet().retainAll(sent.keySet());
        return found;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertValidTrafficFlows() {
        String next = region.node("KZ").submit(Documents.seizureNotice(List.of(RECEIVER)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                region.node("KZ").services().api().status(next)).contains("\"status\":\"delivered\""));
        assertThat(region.node(RECEIVER).services().api().audit()).contains("\"intact\":true");
    }
}
