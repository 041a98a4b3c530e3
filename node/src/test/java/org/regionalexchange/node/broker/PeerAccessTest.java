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
            session.createProducer(session.createQueue(BrokerAddresses.INBOX)).send(message);
        }
        try (Connection connection = PeerConnections.internal(broker.inVmUrl(), internal).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(BrokerAddresses.INBOX));
            Message received = consumer.receive(5_000);
            assertThat(received).isNotNull();
            assertThat(received.getStringProperty("_AMQ_VALIDATED_USER")).isEqualTo("KG");
        }
    }

    @Test
    void peerCannotConsumeFromTheInbox() throws JMSException {
        try (Connection connection = peerFactory("KG").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(BrokerAddresses.INBOX)))
                    .isInstanceOf(JMSSecurityException.class);
        }
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
        return org.regionalexchange.node.app.LocalRegion.freeLoopbackPort();
    }
}
