package org.regionalexchange.node.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.wiring.NodeRuntime;
import org.regionalexchange.node.app.wiring.NodeSettings;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.PeerConnections;
import org.regionalexchange.node.crypto.MessageSealer;
import org.regionalexchange.node.crypto.Pkcs12NodeKeyring;
import org.regionalexchange.node.outbox.HopCopy;
import org.regionalexchange.node.outbox.OutboxWriter;
import org.regionalexchange.node.outbox.Submission;

/** The demo's notices, built from the shared schema examples, and its one tampered envelope. */
final class DemoScenario {

    /** The schema version of the demo's documents: the examples of the newest version. */
    static final String VERSION = "1-1-0";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One notice a node sends. */
    record Step(String sender, Submission submission, String description) {}

    private DemoScenario() {}

    static List<Step> steps() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return List.of(
                new Step("KG", new Submission("seizure-notice", List.of("REGIONAL"), "AMBER",
                        example("seizure-notice", "kg-alpha-pvp-bishkek.json"), List.of(), null, "ru", "exercise"),
                        "3.332 kg alpha-PVP, Bishkek"),
                new Step("KG", new Submission("list-entry", List.of("REGIONAL"), "GREEN",
                        example("list-entry", "kg-baseline-illustrative.json"), List.of(), null, "en", "exercise"),
                        "baseline list, illustrative"),
                new Step("UZ", new Submission("list-entry", List.of("REGIONAL"), "GREEN",
                        example("list-entry", "uz-baseline-illustrative.json"), List.of(), null, "en", "exercise"),
                        "baseline list, illustrative"),
                new Step("KZ", new Submission("list-entry", List.of("REGIONAL"), "GREEN",
                        example("list-entry", "kz-resolution-22-2024.json"), List.of(), null, "ru", "exercise"),
                        "Government Resolution 22: nine substances added"),
                new Step("KZ", new Submission("seizure-notice", List.of("CARICC"), "GREEN",
                        example("seizure-notice", "kz-metonitazene-almaty-illustrative.json"), List.of(), null, "en",
                        "exercise"), "12.4 g metonitazene, Almaty: new to the region"),
                new Step("TM", new Submission("pre-arrival-warning", List.of("UZ"), "AMBER+STRICT",
                        example("pre-arrival-warning", "tm-to-uz-farap-alat-pilot.json"), List.of(),
                        now.plus(Duration.ofDays(3)), "ru", "exercise"), "Farap -> Alat, direct link"),
                new Step("TJ", new Submission("seizure-notice", List.of("KZ", "CARICC"), "AMBER",
                        example("seizure-notice", "tj-diazepam-nizhniy-pyanj.json"), List.of(), null, "en", "exercise"),
                        "7,500 vials diazepam, Nizhniy Pyanj; KZ via CARICC"));
    }

    /**
     * Seals a real notice from the sender to the receiver, flips one byte of its ciphertext and delivers it over the
     * sender's own mutual-TLS link, as a corrupted or tampered transfer would arrive. The receiver's encryption
     * certificate is the one the sender's member directory in force gives, as for any message the sender seals.
     */
    static void sendTampered(LocalRegion region, String sender, String receiver) {
        NodeSettings settings = region.node(sender).settings();
        java.security.cert.X509Certificate encryption = region.node(sender).services().directory()
                .encryptionCertificate(receiver).orElseThrow(() -> new IllegalStateException(sender + "'s member"
                        + " directory in force (version " + region.node(sender).services().directory().version()
                        + ") gives no encryption certificate for " + receiver + ": wait until " + sender
                        + " has applied the hub's directory listing " + receiver + " before sealing for it"));
        JsonNode document = example("seizure-notice", "tj-diazepam-nizhniy-pyanj.json");
        ObjectNode header = new Submission("seizure-notice", List.of(receiver), "AMBER", document, List.of(), null,
                "en", "exercise").header(sender, VERSION, Instant.now());
        byte[] wire = new MessageSealer(Pkcs12NodeKeyring.load(settings.pki().keystore(), settings.pki().password()),
                java.time.Clock.systemUTC()).seal(header, document, List.of(encryption));
        ObjectNode envelope = (ObjectNode) read(wire);
        byte[] cms = java.util.Base64.getDecoder().decode(envelope.get("protected").asText());
        cms[cms.length - 1] ^= 0x01;
        envelope.put("protected", java.util.Base64.getEncoder().encodeToString(cms));
        NodeSettings.PeerSettings link = settings.peer(receiver).orElseThrow();
        try (Connection connection = PeerConnections.peer(link.host(), link.port(), settings.pki().tlsKeystore(),
                settings.pki().truststore(), settings.pki().password()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            HopCopy copy = new HopCopy(receiver, header.get("messageId").asText(), sender, List.of(receiver),
                    envelope.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            session.createProducer(session.createQueue(BrokerAddresses.inbox(sender)))
                    .send(OutboxWriter.envelopeMessage(session, copy));
        } catch (JMSException e) {
            throw new IllegalStateException("could not deliver the tampered envelope: " + e.getMessage(), e);
        }
    }

    /** The customs unit at Alat, UZ's side of the Farap-Alat crossing, registered on UZ's node. */
    static final String UNIT = "UZ-ALAT";

    /**
     * UZ's admin registers the Alat unit (POST /api/v1/units): cleared for AMBER+STRICT, as UZ's own customs, since
     * TM's Farap-Alat warning is marked so.
     *
     * @return its broker password
     */
    static char[] registerAlat(LocalRegion region) throws IOException, InterruptedException {
        ApiClient.Response response = region.client("UZ", Role.ADMIN).post("api/v1/units", "{\"name\": \"" + UNIT
                + "\", \"crossingPoints\": [\"" + UNIT + "\"], \"kinds\": [\"pre-arrival-warning\"],"
                + " \"clearance\": \"AMBER+STRICT\"}");
        if (response.status() != 201) {
            throw new IllegalStateException("UZ did not register " + UNIT + ": " + response.status() + " "
                    + response.body());
        }
        return read(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("password").asText()
                .toCharArray();
    }

    /** What the Alat unit did: the warning it took off its queue and the outcome report UZ sent back for it. */
    record UnitAnswer(String warningId, String sender, String outcomeId) {}

    /**
     * The Alat unit, as its own client on UZ's local port (TLS, its name and password): takes the warning off its
     * queue local.unit.UZ-ALAT, answers with an outcome report on local.submit, and reads the node's answer (the
     * report's messageId) from its queue.
     */
    static UnitAnswer alatAnswers(LocalRegion region, int localPort, char[] password, Duration wait) {
        NodeSettings settings = region.node("UZ").settings();
        jakarta.jms.ConnectionFactory factory = PeerConnections.local("127.0.0.1", localPort,
                settings.pki().truststore(), settings.pki().password());
        try (Connection connection = factory.createConnection(UNIT, new String(password))) {
            connection.start();
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            jakarta.jms.MessageConsumer queue = session.createConsumer(session.createQueue(
                    BrokerAddresses.unit(UNIT)));
            jakarta.jms.Message taken = queue.receive(wait.toMillis());
            if (!(taken instanceof jakarta.jms.TextMessage text)) {
                throw new IllegalStateException(UNIT + " found no warning on its queue within " + wait);
            }
            JsonNode warning = read(text.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            taken.acknowledge();
            String warningId = warning.path("header").path("messageId").asText();
            String sender = warning.path("header").path("sender").asText();
            ObjectNode report = example("outcome-report", "alat-nothing-found.json").deepCopy();
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            report.put("inResponseTo", warningId).put("inspectedAt", now).put("reportedAt", now);
            ObjectNode submission = JSON.createObjectNode().put("kind", "outcome-report")
                    .put("handling", "AMBER+STRICT").put("status", "exercise");
            submission.putArray("recipients").add(sender);
            submission.set("document", report);
            jakarta.jms.TextMessage request = session.createTextMessage(submission.toString());
            request.setJMSCorrelationID("alat-" + warningId);
            session.createProducer(session.createQueue(BrokerAddresses.LOCAL_SUBMIT)).send(request);
            jakarta.jms.Message answer = queue.receive(wait.toMillis());
            if (!(answer instanceof jakarta.jms.TextMessage answerText)) {
                throw new IllegalStateException(UNIT + " got no answer to its outcome report within " + wait);
            }
            answer.acknowledge();
            JsonNode accepted = read(answerText.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (!accepted.hasNonNull("messageId")) {
                throw new IllegalStateException("UZ refused " + UNIT + "'s outcome report: " + accepted);
            }
            return new UnitAnswer(warningId, sender, accepted.get("messageId").asText());
        } catch (JMSException e) {
            throw new IllegalStateException(UNIT + " could not read its queue on UZ's local port " + localPort + ": "
                    + e.getMessage(), e);
        }
    }

    /** The outcomes the warning's status lists at its sender (GET /api/v1/messages/{id}), one line each. */
    static List<String> outcomes(NodeRuntime sender, String warningId) {
        JsonNode status = read(sender.services().api().status(warningId).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        List<String> lines = new java.util.ArrayList<>();
        status.path("outcomes").forEach(outcome -> lines.add("outcome from " + outcome.path("unit").asText() + " ("
                + outcome.path("node").asText() + "): " + outcome.path("result").asText() + ", report "
                + outcome.path("messageId").asText()));
        return lines;
    }

    /** The substance whose seizure the demo's region has never seen before: CARICC alerts its first sighting. */
    static final String NEW_SUBSTANCE = "metonitazene";

    /**
     * The substances the demo region knew before it kept records (illustrative), for CARICC's first-sighting rule:
     * the demo's other seizures name them, so only the new substance fires.
     */
    static Path knownSubstances(Path folder) throws IOException {
        Path file = folder.resolve("known-substances.json");
        try (InputStream in = DemoScenario.class.getResourceAsStream("/regional-exchange/demo/known-substances.json")) {
            if (in == null) {
                throw new IllegalStateException("the demo's known-substances.json is missing from the jar");
            }
            java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** CARICC's record of a substance's first sighting (GET /api/v1/picture/first-sightings), once it has one. */
    static java.util.Optional<JsonNode> firstSighting(LocalRegion region, String substance)
            throws IOException, InterruptedException {
        ApiClient.Response response = region.client("CARICC", Role.ANALYST)
                .get("api/v1/picture/first-sightings?status=exercise");
        if (response.status() != 200) {
            throw new IllegalStateException("CARICC's first sightings answered " + response.status() + ": "
                    + response.body());
        }
        for (JsonNode sighting : read(response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            if (sighting.path("substance").asText().equals(substance)) {
                return java.util.Optional.of(sighting);
            }
        }
        return java.util.Optional.empty();
    }

    /** A node's active alerts (GET /api/v1/picture/alerts), one line each, as an analyst there sees them. */
    static List<String> activeAlerts(LocalRegion region, String node) throws IOException, InterruptedException {
        JsonNode alerts = read(region.client(node, Role.ANALYST).get("api/v1/picture/alerts").body()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<String> lines = new java.util.ArrayList<>();
        alerts.forEach(alert -> lines.add(alert.path("alertId").asText() + " from " + alert.path("sender").asText()
                + ": \"" + alert.path("current").path("headline").path("en").asText() + "\", severity "
                + alert.path("current").path("severity").asText() + ", version " + alert.path("versions").asInt()
                + " (" + alert.path("current").path("msgType").asText() + " " + alert.path("currentId").asText()
                + ")"));
        return lines;
    }

    /** The current document of an alert as a member received it (GET /api/v1/picture/alerts?include=all). */
    static JsonNode currentAlert(LocalRegion region, String node, String alertId)
            throws IOException, InterruptedException {
        JsonNode alerts = read(region.client(node, Role.ANALYST).get("api/v1/picture/alerts?include=all").body()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (JsonNode alert : alerts) {
            if (alert.path("alertId").asText().equals(alertId)) {
                return alert.path("current");
            }
        }
        throw new IllegalStateException(node + " has not received alert " + alertId);
    }

    /**
     * CARICC's analyst follows up the automatic alert: an update once the laboratory has rated the danger, or the
     * cancellation, each referring to the alert.
     */
    static Submission followUp(JsonNode current, String alertId, String msgType) {
        ObjectNode document = current.deepCopy();
        String relation = msgType.equals("update") ? "updates" : "cancels";
        document.put("msgType", msgType);
        document.remove("references");
        document.putArray("references").addObject().put("messageId", alertId).put("relation", relation);
        if (msgType.equals("update")) {
            document.put("severity", "Severe");
            ((ObjectNode) document.get("description")).put("en", document.path("description").path("en").asText()
                    + " Update: a nitazene opioid far more potent than heroin; handle powders with gloves.");
        } else {
            ((ObjectNode) document.get("description")).put("en", "Cancelled for the demo: the alert has served.");
        }
        return new Submission("early-warning", List.of("REGIONAL"), "GREEN", document,
                List.of(JSON.createObjectNode().put("messageId", alertId).put("relation", relation)),
                Instant.now().plus(Duration.ofDays(90)), "en", "exercise");
    }

    /** CARICC's control-gap report, as CSV, for the substances KZ's Government Resolution 22 added. */
    static String controlGapReport(LocalRegion region) {
        StringBuilder substances = new StringBuilder();
        example("list-entry", "kz-resolution-22-2024.json").path("entries").forEach(entry ->
                substances.append(substances.length() == 0 ? "" : ",")
                        .append(entry.path("substance").path("preferredName").asText()));
        try {
            ApiClient.Response response = region.client("CARICC", Role.ANALYST).get(
                    "api/v1/picture/control-gaps?format=csv&substance=" + java.net.URLEncoder.encode(
                            substances.toString(), java.nio.charset.StandardCharsets.UTF_8));
            return response.status() == 200 ? response.body() : "the report failed: " + response.status() + " "
                    + response.body();
        } catch (IOException e) {
            return "the report failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the report was interrupted";
        }
    }

    static String quarantineSummary(NodeRuntime node) {
        JsonNode entries = read(node.services().api().quarantine("10").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder summary = new StringBuilder(entries.size() + " message(s)");
        entries.forEach(entry -> summary.append("; ").append(entry.path("reasonCode").asText()).append(" from peer ")
                .append(entry.path("deliveringPeer").asText()).append(", ").append(entry.path("size").asInt())
                .append(" bytes kept"));
        return summary.toString();
    }

    static String statusLine(String statusJson) {
        JsonNode status = read(statusJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder line = new StringBuilder(status.path("messageId").asText()).append(":");
        status.path("recipients").forEach(r -> line.append(' ').append(r.path("recipient").asText()).append('=')
                .append(r.path("status").asText()).append(r.has("reasonCode") ? "(" + r.get("reasonCode").asText()
                        + ")" : ""));
        return line.toString();
    }

    /** A valid example of {@link #VERSION} of the kind. */
    private static JsonNode example(String kind, String file) {
        String path = kind + "/" + VERSION + "/" + file;
        try (InputStream in = DemoScenario.class.getResourceAsStream("/regional-exchange/examples/valid/" + path)) {
            if (in == null) {
                throw new IllegalStateException("example " + path + " is missing from the jar");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
