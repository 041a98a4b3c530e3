package org.regionalexchange.node.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
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

/**
 * The KZ broker, limited to 1 MiB, refuses a bigger message from a peer at the send: nothing reaches the inbox,
 * and the peer's next message of a normal size goes through.
 */
class MessageSizeLimitTest {

    static final long LIMIT = 1_048_576;

    @TempDir
    static Path folder;

    static RegionalPki pki;
    static EmbeddedBroker broker;
    static InternalCredentials internal = InternalCredentials.generate();
    static int port;

    @BeforeAll
    static void startBroker() {
        pki = RegionalPki.create(folder.resolve("pki"), List.of("KZ", "KG"), Clock.systemUTC());
        port = PeerAccessTest.freePort();
        NodeKeys kz = pki.node("KZ");
        BrokerConfig config = new BrokerConfig("KZ", folder.resolve("kz-data"), "127.0.0.1", port, 0,
                kz.tlsKeystore(), pki.truststore(), pki.password(), List.of("KG"), LIMIT);
        broker = new EmbeddedBroker(config, new NodeSecurityManager(internal, Map.of(),
                certificate -> Optional.of("KG"), certificate -> false)).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void oversizedMessageIsRefusedAtTheSendAndTheNextOneFlows() throws JMSException {
        try (Connection connection = PeerConnections.peer("127.0.0.1", port, pki.node("KG").tlsKeystore(),
                pki.truststore(), pki.password()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = session.createProducer(session.createQueue(BrokerAddresses.inbox("KG")));
            assertThatThrownBy(() -> producer.send(bytes(session, 2 * 1_048_576, 1)))
                    .isInstanceOf(JMSException.class)
                    .hasMessageContaining("exceeds node.limits.message-bytes 1048576");
            // Under the limit for large and for ordinary messages alike.
            producer.send(bytes(session, 1_000_000, 2));
            producer.send(bytes(session, 1_000, 3));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> broker.depth(BrokerAddresses.inbox("KG")) >= 2);
        assertThat(broker.depth(BrokerAddresses.inbox("KG"))).as("only the two under the limit").isEqualTo(2);
        try (Connection connection = PeerConnections.internal(broker.inVmUrl(), internal).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(BrokerAddresses.inbox("KG")));
            assertThat(consumer.receive(5_000).getIntProperty("n")).isEqualTo(2);
            assertThat(consumer.receive(5_000).getIntProperty("n")).isEqualTo(3);
            assertThat(consumer.receiveNoWait()).isNull();
        }
    }

    @Test
    void oversizedOrdinaryMessageIsRefusedOnABrokerWithASmallLimit() throws JMSException {
        int smallPort = PeerAccessTest.freePort();
        try (EmbeddedBroker small = new EmbeddedBroker(new BrokerConfig("KZ", folder.resolve("small"), "127.0.0.1",
                smallPort, 0, pki.node("KZ").tlsKeystore(), pki.truststore(), pki.password(), List.of("KG"), 65_536),
                new NodeSecurityManager(internal, Map.of(), certificate -> Optional.of("KG"), c -> false)).start();
                Connection connection = PeerConnections.peer("127.0.0.1", smallPort, pki.node("KG").tlsKeystore(),
                        pki.truststore(), pki.password()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = session.createProducer(session.createQueue(BrokerAddresses.inbox("KG")));
            // 80 KB stays under the client's large-message threshold (100 KiB): one ordinary packet.
            assertThatThrownBy(() -> producer.send(bytes(session, 80_000, 1)))
                    .hasMessageContaining("exceeds node.limits.message-bytes 65536");
            producer.send(bytes(session, 60_000, 2));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> small.depth(BrokerAddresses.inbox("KG")) >= 1);
            assertThat(small.depth(BrokerAddresses.inbox("KG"))).as("only the message under the limit").isEqualTo(1);
        }
    }

    private static Message bytes(Session session, int size, int number) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(new byte[size]);
        message.setIntProperty("n", number);
        return message;
    }
}
