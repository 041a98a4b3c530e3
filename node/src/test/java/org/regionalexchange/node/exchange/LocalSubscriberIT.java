package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.NodeSecurityManager;
import org.regionalexchange.node.broker.PeerConnections;
import org.regionalexchange.node.inbox.LocalDispatcher;
import org.regionalexchange.node.outbox.LocalSubmitRoutes;
import org.regionalexchange.node.outbox.Submission;

/** A customs unit attached to its own node receives the verified warnings meant for its crossing point. */
class LocalSubscriberIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    static LocalRegion region;
    static int localPort;

    @BeforeAll
    static void startRegion() throws Exception {
        region = new LocalRegion(folder, List.of("TM", "UZ"), List.of(List.of("TM", "UZ")));
        localPort = LocalRegion.freeLoopbackPort();
        Path users = Files.writeString(folder.resolve("uz-local-users.properties"),
                "UZ-ALAT=" + NodeSecurityManager.digest("alat-secret") + "\n");
        region.set("UZ", "node.broker.local-port", Integer.toString(localPort));
        region.set("UZ", "node.broker.local-users-file", users.toString());
        region.start("TM");
        region.start("UZ");
    }

    @AfterAll
    static void stopRegion() {
        region.close();
    }

    @Test
    void customsUnitReceivesThePreArrivalWarningForItsCrossingPoint() throws Exception {
        try (Connection connection = localConnection("UZ-ALAT", "alat-secret")) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic(BrokerAddresses.LOCAL_DISPATCH),
                    LocalDispatcher.TARGET_UNIT + " = 'UZ-ALAT'");

            String messageId = region.node("TM").submit(new Submission("pre-arrival-warning", List.of("UZ"),
                    "AMBER+STRICT", Documents.example("valid/pre-arrival-warning/1-0-0/tm-to-uz-farap-alat-pilot.json"),
                    List.of(), Instant.now().plus(Duration.ofDays(2)), "ru", "exercise"));

            TextMessage received = (TextMessage) consumer.receive(30_000);
            assertThat(received).as("pre-arrival warning at the Alat unit").isNotNull();
            JsonNode body = JSON.readTree(received.getText());
            assertThat(body.path("header").path("messageId").asText()).isEqualTo(messageId);
            assertThat(body.path("document").path("targetUnit").path("place").path("name").asText())
                    .isEqualTo("Alat");
        }
    }

    @Test
    void customsUnitReportsTheOutcomeToTheOriginatorThroughItsNode() throws Exception {
        JsonNode result = submitLocally(JSON.createObjectNode().put("kind", "outcome-report").put("handling", "AMBER")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("recipients", JSON.createArrayNode().add("TM"))
                .set("document", Documents.example("valid/outcome-report/1-0-0/alat-nothing-found.json")));

        String messageId = result.path("messageId").asText();
        assertThat(messageId).isNotBlank();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Documents.inboxIds(
                region.node("TM").services().api().inbox("outcome-report", null, null, "10")).contains(messageId));
    }

    @Test
    void invalidLocalSubmissionIsAnsweredWithItsViolations() throws Exception {
        JsonNode result = submitLocally(JSON.createObjectNode().put("kind", "outcome-report").put("handling", "AMBER")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("recipients", JSON.createArrayNode().add("TM"))
                .set("document", Documents.example("invalid/outcome-report/1-0-0/unknown-result.json")));

        assertThat(result.path("violations").findValuesAsText("pointer")).contains("/document/result");
    }

    private static JsonNode submitLocally(JsonNode submission) throws Exception {
        try (Connection connection = localConnection("UZ-ALAT", "alat-secret")) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            String correlation = java.util.UUID.randomUUID().toString();
            MessageConsumer answers = session.createConsumer(session.createTopic(BrokerAddresses.LOCAL_DISPATCH),
                    LocalSubmitRoutes.RESULT_FOR + " = '" + correlation + "'");
            TextMessage request = session.createTextMessage(submission.toString());
            request.setJMSCorrelationID(correlation);
            session.createProducer(session.createQueue(BrokerAddresses.LOCAL_SUBMIT)).send(request);
            TextMessage answer = (TextMessage) answers.receive(30_000);
            assertThat(answer).as("answer to the local submission").isNotNull();
            return JSON.readTree(answer.getText());
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> localConnection("UZ-ALAT", "guess").close()).isInstanceOf(JMSException.class);
    }

    @Test
    void customsUnitCannotReadOrWriteTheExchangeQueues() throws Exception {
        try (Connection connection = localConnection("UZ-ALAT", "alat-secret")) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(BrokerAddresses.INBOX)))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createProducer(session.createQueue(BrokerAddresses.INBOX))
                    .send(session.createTextMessage("x"))).isInstanceOf(JMSSecurityException.class);
        }
    }

    private static Connection localConnection(String user, String password) throws JMSException {
        return PeerConnections.local("127.0.0.1", localPort, region.pki().truststore(), region.pki().password())
                .createConnection(user, password);
    }
}
