package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.app.wiring.NodeRuntime;
import org.regionalexchange.node.outbox.Submission;

/**
 * Customs port units on UZ's node, read with an AMQP 1.0 client that is not Artemis's own (rhea on Node.js,
 * {@code src/test/amqp/unit-client.mjs}): Alat (UZ-ALAT) and Yallama (UZ-YALLAMA) are registered by UZ's admin, TM
 * sends pre-arrival warnings over its direct link. A unit gets what was dispatched while it was away, reads only its
 * own queue, answers with an outcome report that reaches TM, and cannot answer a warning it was never given.
 */
class CustomsUnitIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    static LocalRegion region;
    static int localPort;
    static String alatPassword;
    static String yallamaPassword;

    @BeforeAll
    static void startRegion() throws Exception {
        region = new LocalRegion(folder, List.of("CARICC", "TM", "UZ"), List.of(List.of("TM", "UZ")));
        localPort = LocalRegion.freeLoopbackPort();
        region.set("UZ", "node.broker.local-port", Integer.toString(localPort));
        List.of("CARICC", "TM", "UZ").forEach(region::start);
        alatPassword = register("{\"name\": \"UZ-ALAT\", \"crossingPoints\": [\"UZ-ALAT\"]}");
        yallamaPassword = register("{\"name\": \"UZ-YALLAMA\", \"crossingPoints\": [\"UZ-YALLAMA\", \"UZYAL\"],"
                + " \"kinds\": [\"pre-arrival-warning\", \"early-warning\"]}");
    }

    @AfterAll
    static void stopRegion() {
        region.close();
    }

    @Test
    void aUnitAwayDuringTheDispatchGetsItsWarningWhenItConnectsAndTheOtherUnitDoesNot() throws Exception {
        String warning = sendWarning("UZ-ALAT", "AMBER");

        List<String> taken = client("UZ-ALAT", alatPassword, "receive", "local.unit.UZ-ALAT", "1", "20000");

        JsonNode body = JSON.readTree(taken.get(0));
        assertThat(body.path("header").path("messageId").asText()).isEqualTo(warning);
        assertThat(body.path("header").path("sender").asText()).isEqualTo("TM");
        assertThat(body.path("document").path("targetUnit").path("nodeId").asText()).isEqualTo("UZ-ALAT");
        assertThat(region.node("UZ").broker().depth("local.unit.UZ-YALLAMA")).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(JSON.readTree(admin("UZ")
                .get("api/v1/units/UZ-ALAT/deliveries").body()).get(0).path("acknowledgedAt").isTextual()).isTrue());
    }

    @Test
    void aUnitReadsOnlyItsOwnQueueAndAWrongPasswordIsRefused() throws Exception {
        assertThat(client("UZ-ALAT", alatPassword, "attach", "local.unit.UZ-ALAT")).containsExactly("attached");
        assertThat(client("UZ-ALAT", alatPassword, "attach", "local.unit.UZ-YALLAMA").get(0)).startsWith("refused");
        assertThat(client("UZ-ALAT", alatPassword, "attach", "local.dispatch").get(0)).startsWith("refused");
        assertThat(client("UZ-ALAT", alatPassword, "attach", "exchange.inbox.TM").get(0)).startsWith("refused");
        // Nor may it hand anything to the node as if it were a peer node.
        assertThat(client("UZ-ALAT", alatPassword, "send", "exchange.inbox.TM", "{}", "as-a-node").get(0))
                .startsWith("refused");
        assertThat(client("UZ-ALAT", "not-the-password", "attach", "local.unit.UZ-ALAT").get(0))
                .startsWith("refused");
    }

    @Test
    void theUnitsOutcomeReportIsSignedBySUzAndShowsInTheWarningsStatusAtTm() throws Exception {
        String warning = sendWarning("UZ-ALAT", "AMBER");
        client("UZ-ALAT", alatPassword, "receive", "local.unit.UZ-ALAT", "1", "20000");

        String correlation = "alat-" + warning;
        assertThat(client("UZ-ALAT", alatPassword, "send", "local.submit", outcome(warning, "TM"), correlation))
                .containsExactly("accepted");
        JsonNode answer = JSON.readTree(client("UZ-ALAT", alatPassword, "receive", "local.unit.UZ-ALAT", "1",
                "20000").get(0));
        assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("queued");

        NodeRuntime turkmenistan = region.node("TM");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = JSON.readTree(turkmenistan.services().api().status(warning));
            assertThat(status.path("outcomes")).hasSize(1);
            JsonNode outcome = status.path("outcomes").get(0);
            assertThat(outcome.path("unit").asText()).isEqualTo("UZ-ALAT");
            assertThat(outcome.path("node").asText()).isEqualTo("UZ");
            assertThat(outcome.path("result").asText()).isEqualTo("nothingFound");
            assertThat(outcome.path("messageId").asText()).isEqualTo(answer.path("messageId").asText());
        });
    }

    @Test
    void anOutcomeForAWarningTheUnitWasNeverGivenIsRefusedWithTheReason() throws Exception {
        String forYallama = sendWarning("UZ-YALLAMA", "AMBER");

        assertThat(client("UZ-ALAT", alatPassword, "send", "local.submit", outcome(forYallama, "TM"), "x-1"))
                .containsExactly("accepted");
        JsonNode answer = JSON.readTree(client("UZ-ALAT", alatPassword, "receive", "local.unit.UZ-ALAT", "1",
                "20000").get(0));

        assertThat(answer.path("violations").get(0).path("pointer").asText()).isEqualTo("/document/inResponseTo");
        assertThat(answer.path("violations").get(0).path("message").asText())
                .contains("UZ-ALAT was never given a warning " + forYallama);
        String asAnotherKind = "{\"kind\": \"seizure-notice\", \"recipients\": [\"TM\"], \"handling\": \"GREEN\","
                + " \"document\": {}}";
        client("UZ-ALAT", alatPassword, "send", "local.submit", asAnotherKind, "x-2");
        JsonNode refused = JSON.readTree(client("UZ-ALAT", alatPassword, "receive", "local.unit.UZ-ALAT", "1",
                "20000").get(0));
        assertThat(refused.path("violations").get(0).path("message").asText())
                .contains("submits outcome-report documents only");
        client("UZ-ALAT", alatPassword, "send", "local.submit", "{\"kind\": \"outcome-report\","
                + " \"recipients\": [\"TM\"], \"handling\": \"AMBER\"}", "x-3");
        JsonNode empty = JSON.readTree(client("UZ-ALAT", alatPassword, "receive", "local.unit.UZ-ALAT", "1",
                "20000").get(0));
        assertThat(empty.path("violations").get(0).path("pointer").asText()).isEqualTo("/document");
    }

    @Test
    void aRedWarningReachesNoUnitNotClearedForRed() throws Exception {
        String red = sendWarning("UZ-ALAT", "RED");
        String amber = sendWarning("UZ-ALAT", "AMBER");

        List<String> taken = client("UZ-ALAT", alatPassword, "receive", "local.unit.UZ-ALAT", "1", "20000");

        assertThat(JSON.readTree(taken.get(0)).path("header").path("messageId").asText()).isEqualTo(amber)
                .isNotEqualTo(red);
        assertThat(region.node("UZ").broker().depth("local.unit.UZ-ALAT")).isZero();
        assertThat(region.node("UZ").services().received().find(red)).isPresent();
    }

    /** TM's pre-arrival warning to UZ for the unit's crossing point; waits for UZ's receipt. */
    private static String sendWarning(String unit, String handling) {
        ObjectNode document = Documents.example("valid/pre-arrival-warning/1-1-0/tm-to-uz-farap-alat-pilot.json")
                .deepCopy();
        ((ObjectNode) document.get("targetUnit")).put("nodeId", unit);
        ((ObjectNode) document.get("targetUnit").get("place")).put("borderCrossingPointId", unit);
        Instant arrival = Instant.now().plus(Duration.ofHours(6)).truncatedTo(ChronoUnit.SECONDS);
        ((ObjectNode) document.get("expectedArrival")).put("estimated", arrival.toString());
        NodeRuntime tm = region.node("TM");
        String id = tm.submit(new Submission("pre-arrival-warning", List.of("UZ"), handling, document, List.of(),
                arrival.plus(Duration.ofDays(2)), "en", "exercise"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(tm.services().api().status(id))
                .contains("\"status\":\"delivered\""));
        return id;
    }

    private static String outcome(String warning, String recipient) {
        ObjectNode document = Documents.example("valid/outcome-report/1-1-0/alat-nothing-found.json").deepCopy();
        document.put("inResponseTo", warning);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        document.put("inspectedAt", now).put("reportedAt", now);
        ObjectNode submission = JSON.createObjectNode().put("kind", "outcome-report").put("handling", "AMBER")
                .put("status", "exercise");
        submission.putArray("recipients").add(recipient);
        submission.set("document", document);
        return submission.toString();
    }

    private static String register(String unit) throws Exception {
        ApiClient.Response response = admin("UZ").post("api/v1/units", unit);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("password").asText();
    }

    private static ApiClient admin(String node) {
        return region.client(node, Role.ADMIN);
    }

    /** Runs the AMQP client as the unit; its output lines. */
    private static List<String> client(String user, String password, String... command) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("node", "src/test/amqp/unit-client.mjs", "127.0.0.1",
                Integer.toString(localPort), region.caCertificate().toString(), user, password));
        arguments.addAll(List.of(command));
        Process process = new ProcessBuilder(arguments).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the AMQP client did not finish: " + arguments);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as("output of " + String.join(" ", command)).isNotEmpty();
        return lines;
    }
}
