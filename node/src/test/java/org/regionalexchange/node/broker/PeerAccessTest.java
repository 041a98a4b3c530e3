package org.regionalexchange.node.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.NodeKeys;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.node.envelope.JsonLimits;

/** The KZ broker admits regional peers over mutual TLS and lets them send to its inbox and nothing else. */
class PeerAccessTest {

    @TempDir
    static Path folder;

    static RegionalPki pki;
    static EmbeddedBroker broker;
    static InternalCredentials internal = InternalCredentials.generate();
    static int port;

    @BeforeAll
    static void startBroker() throws IOException {
        pki = RegionalPki.create(folder.resolve("pki"), List.of("KZ", "KG", "CARICC"), Clock.systemUTC());
        port = freePort();
        NodeKeys kz = pki.node("KZ");
        BrokerConfig config = new BrokerConfig("KZ", folder.resolve("kz-data"), "127.0.0.1", port, 0,
                kz.tlsKeystore(), pki.truststore(), pki.password(), List.of("KG", "CARICC"), JsonLimits.DEFAULT.maxBytes());
        NodeSecurityManager security = new NodeSecurityManager(internal, Map.of(),
                PeerAccessTest::nodeIdFromCommonName, certificate -> false);
        broker = new EmbeddedBroker(config, security).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void peerWithRegionalCertificateDeliversToInboxAndIsNamedAsValidatedUser() throws JMSException {
        try (Connection connection = peerFactory("KG").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(new byte[] {1, 2, 3});
            session.createProducer(session.createQueue(BrokerAddresses.inbox("KG"))).send(message);
        }
        try (Connection connection = PeerConnections.internal(broker.inVmUrl(), internal).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(BrokerAddresses.inbox("KG")));
            Message received = consumer.receive(5_000);
            assertThat(received).isNotNull();
            assertThat(received.getStringProperty("_AMQ_VALIDATED_USER")).isEqualTo("KG");
        }
    }

    @Test
    void peerCannotConsumeFromTheInbox() throws JMSException {
        try (Connection connection = peerFactory("KG").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(BrokerAddresses.inbox("KG"))))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void peerCannotSendToAnotherPeersInboxNorToTheNodesOwn() throws JMSException {
        try (Connection connection = peerFactory("KG").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createProducer(session.createQueue(BrokerAddresses.inbox("CARICC")))
                    .send(session.createBytesMessage())).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createProducer(session.createQueue(BrokerAddresses.INBOX))
                    .send(session.createBytesMessage())).isInstanceOf(JMSSecurityException.class);
        }
        assertThat(broker.depth(BrokerAddresses.inbox("CARICC"))).isZero();
        assertThat(broker.depth(BrokerAddresses.INBOX)).isZero();
    }

    @Test
    void peerCannotSendToAnOutboxOrCreateAnAddress() throws JMSException {
        try (Connection connection = peerFactory("KG").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createProducer(session.createQueue(BrokerAddresses.outbox("KG")))
                    .send(session.createBytesMessage())).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> session.createProducer(session.createQueue("peer.made.up"))
                    .send(session.createBytesMessage())).isInstanceOf(JMSException.class);
        }
    }

    @Test
    void clientWithoutCertificateCannotConnect() {
        ConnectionFactory factory = PeerConnections.peer("127.0.0.1", port, null, pki.truststore(), pki.password());
        assertThatThrownBy(() -> factory.createConnection().close()).isInstanceOf(JMSException.class);
    }

    @Test
    void clientWithCertificateFromAnotherCaCannotConnect() {
        RegionalPki foreign = RegionalPki.create(folder.resolve("foreign"), List.of("KG"), Clock.systemUTC());
        ConnectionFactory factory = PeerConnections.peer("127.0.0.1", port, foreign.node("KG").tlsKeystore(),
                pki.truststore(), foreign.password());
        assertThatThrownBy(() -> factory.createConnection().close()).isInstanceOf(JMSException.class);
    }

    @Test
    void peerWithRevokedCertificateIsRefused() throws IOException {
        Path data = folder.resolve("revocation");
        RegionalPki region = RegionalPki.create(data.resolve("pki"), List.of("KZ", "KG"), Clock.systemUTC());
        X509Certificate revokedTls = region.node("KG").tls().certificate();
        NodeSecurityManager security = new NodeSecurityManager(internal, Map.of(),
                PeerAccessTest::nodeIdFromCommonName, revokedTls::equals);
        int otherPort = freePort();
        try (EmbeddedBroker other = new EmbeddedBroker(new BrokerConfig("KZ", data.resolve("kz"), "127.0.0.1",
                otherPort, 0, region.node("KZ").tlsKeystore(), region.truststore(), region.password(),
                List.of("KG"), JsonLimits.DEFAULT.maxBytes()), security).start()) {
            ConnectionFactory factory = PeerConnections.peer("127.0.0.1", otherPort, region.node("KG").tlsKeystore(),
                    region.truststore(), region.password());
            assertThatThrownBy(() -> factory.createConnection().close()).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void aPeerHoldsAtMostItsConnectionLimitAndGetsAConnectionBackWhenOneCloses() throws Exception {
        NodeSecurityManager security = security(2);
        int otherPort = freePort();
        try (EmbeddedBroker other = kzBroker("connection-limit", otherPort, InboxLimits.DEFAULT, security)) {
            ConnectionFactory kg = peerAt(otherPort, "KG");
            Connection first = kg.createConnection();
            Connection second = kg.createConnection();
            second.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
            second.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
            assertThat(security.openConnections("KG")).as("sessions of one connection count once").isEqualTo(2);

            assertThatThrownBy(() -> kg.createConnection().close()).isInstanceOf(JMSSecurityException.class);
            try (Connection caricc = peerAt(otherPort, "CARICC").createConnection()) {
                assertThat(security.openConnections("CARICC")).as("another peer has its own limit").isEqualTo(1);
            }

            first.close();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> security.openConnections("KG") == 1);
            try (Connection again = kg.createConnection()) {
                again.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
            }
            second.close();
        }
    }

    @Test
    void aPeerOverItsInboxLimitIsRefusedAtItsProducerWhileAnotherPeerStillDelivers() throws Exception {
        int otherPort = freePort();
        try (EmbeddedBroker other = kzBroker("inbox-limit", otherPort, new InboxLimits(3, 1024 * 1024, 16, 1_000),
                security(16))) {
            try (Connection kg = peerAt(otherPort, "KG").createConnection()) {
                Session session = kg.createSession(false, Session.AUTO_ACKNOWLEDGE);
                var producer = session.createProducer(session.createQueue(BrokerAddresses.inbox("KG")));
                for (int i = 0; i < 3; i++) {
                    producer.send(session.createBytesMessage());
                }
                assertThatThrownBy(() -> producer.send(session.createBytesMessage()))
                        .isInstanceOf(JMSException.class);
            }
            assertThat(other.depth(BrokerAddresses.inbox("KG"))).as("the excess stays with the sender").isEqualTo(3);
            try (Connection caricc = peerAt(otherPort, "CARICC").createConnection()) {
                Session session = caricc.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue(BrokerAddresses.inbox("CARICC")))
                        .send(session.createBytesMessage());
            }
            assertThat(other.depth(BrokerAddresses.inbox("CARICC"))).isEqualTo(1);
        }
    }

    @Test
    void unconfirmedSendsIntoAFullInboxAreDroppedAndTheirConnectionClosedWhileTransactedSendsBelowItAreKept()
            throws Exception {
        int otherPort = freePort();
        try (EmbeddedBroker other = kzBroker("unconfirmed", otherPort, new InboxLimits(5, 1024 * 1024, 16, 1_000),
                security(16))) {
            try (Connection kg = peerAt(otherPort, "KG").createConnection()) {
                Session session = kg.createSession(true, Session.SESSION_TRANSACTED);
                var producer = session.createProducer(session.createQueue(BrokerAddresses.inbox("KG")));
                producer.send(session.createBytesMessage());
                producer.send(session.createBytesMessage());
                session.commit();
            }
            // The count follows the commit on the broker's own executor, a moment later.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(other.depth(BrokerAddresses.inbox("KG"))).as("confirmed at the commit, below the limit")
                            .isEqualTo(2));

            var careless = peerAt(otherPort, "KG");
            careless.setBlockOnDurableSend(false);
            careless.setProducerWindowSize(-1);
            try (Connection kg = careless.createConnection()) {
                Session session = kg.createSession(false, Session.AUTO_ACKNOWLEDGE);
                var producer = session.createProducer(session.createQueue(BrokerAddresses.inbox("KG")));
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        producer.send(session.createBytesMessage());
                        Thread.sleep(i % 100 == 0 ? 1 : 0);
                    }
                }).as("the flooding connection is closed").isInstanceOf(JMSException.class);
            } catch (JMSException closed) {
                // closing a failed connection may fail too
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> other.unconfirmedSendsDropped() > 0);
            assertThat(other.depth(BrokerAddresses.inbox("KG"))).as("never over the limit").isEqualTo(5);
        }
    }

    /** A KZ broker of a test's own, with KG and CARICC as its peers. */
    private static EmbeddedBroker kzBroker(String name, int port, InboxLimits limits, NodeSecurityManager security) {
        return new EmbeddedBroker(new BrokerConfig("KZ", folder.resolve(name), "127.0.0.1", port, 0,
                pki.node("KZ").tlsKeystore(), pki.truststore(), pki.password(), List.of("KG", "CARICC"),
                JsonLimits.DEFAULT.maxBytes(), limits), security).start();
    }

    private static NodeSecurityManager security(int maxPeerConnections) {
        return new NodeSecurityManager(internal, Map.of(), PeerAccessTest::nodeIdFromCommonName,
                certificate -> false, maxPeerConnections);
    }

    /** A peer's connection factory to a broker on the given port, with the peer's regional TLS certificate. */
    private static org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory peerAt(int port, String nodeId) {
        return PeerConnections.peer("127.0.0.1", port, pki.node(nodeId).tlsKeystore(), pki.truststore(),
                pki.password());
    }

    private static ConnectionFactory peerFactory(String nodeId) {
        return PeerConnections.peer("127.0.0.1", port, pki.node(nodeId).tlsKeystore(), pki.truststore(),
                pki.password());
    }

    private static Optional<String> nodeIdFromCommonName(X509Certificate certificate) {
        String name = certificate.getSubjectX500Principal().getName();
        return java.util.Arrays.stream(name.split(",")).filter(part -> part.startsWith("CN="))
                .map(part -> part.substring(3)).findFirst();
    }

    static int freePort() {
        return org.regionalexchange.node.app.demo.LocalRegion.freeLoopbackPort();
    }
}
