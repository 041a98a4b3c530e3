package org.regionalexchange.node.faults;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.MessageProperties;
import org.regionalexchange.node.broker.PeerConnections;

/**
 * A misbehaving member: with its own valid TLS certificate it sends junk (random bytes, a fresh messageId each) to a
 * node's inbox as fast as the broker takes it, without waiting for each send's confirmation, for a given time. What
 * the node's limits refuse is counted, not retried.
 */
final class Flooder {

    record Result(long sent, long refused) {}

    private final String flooder;
    private final int port;
    private final Path tlsKeystore;
    private final Path truststore;
    private final char[] password;

    Flooder(String flooder, int port, Path tlsKeystore, Path truststore, char[] password) {
        this.flooder = flooder;
        this.port = port;
        this.tlsKeystore = tlsKeystore;
        this.truststore = truststore;
        this.password = password;
    }

    Result flood(Duration length, String target) {
        long sent = 0;
        long refused = 0;
        long end = System.nanoTime() + length.toNanos();
        ActiveMQConnectionFactory factory = PeerConnections.peer("127.0.0.1", port, tlsKeystore, truststore, password);
        factory.setBlockOnDurableSend(false);
        factory.setProducerWindowSize(-1);
        while (System.nanoTime() < end) {
            try (Connection connection = factory.createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue(BrokerAddresses.inbox(flooder)));
                byte[] junk = new byte[512];
                while (System.nanoTime() < end) {
                    ThreadLocalRandom.current().nextBytes(junk);
                    BytesMessage message = session.createBytesMessage();
                    message.writeBytes(junk);
                    message.setStringProperty(MessageProperties.MESSAGE_ID, UUID.randomUUID().toString());
                    message.setStringProperty(MessageProperties.SENDER, flooder);
                    message.setStringProperty(MessageProperties.DELIVER_TO, target);
                    try {
                        producer.send(message);
                        sent++;
                    } catch (JMSException | RuntimeException e) {
                        refused++;
                    }
                }
            } catch (JMSException | RuntimeException e) {
                refused++;
                NodeProcess.pause(Duration.ofMillis(100));
            }
        }
        factory.close();
        return new Result(sent, refused);
    }
}
