package org.regionalexchange.node.faults;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.MessageProperties;
import org.regionalexchange.node.broker.PeerConnections;

/**
 * A misbehaving member: with its own valid TLS certificate it sends junk (random bytes, a fresh messageId each) into
 * a node's inbox for a given time, from {@link #CONFIRMED} connections with confirmed sends, as fast as the broker
 * confirms them, and from one more that does not wait for confirmations at all (at most about 7,000 a second).
 * What the node refuses is counted, not retried.
 */
final class Flooder {

    /** Connections sending with confirmation; the node's per-peer connection limit may refuse some. */
    static final int CONFIRMED = 8;
    /**
     * The unconfirmed sender's pace, at most about 7,000 a second: enough to fill a 20,000-message inbox in seconds,
     * while the drill's own encryption of the junk leaves the nodes, which share this machine's cores, some CPU.
     */
    private static final int UNCONFIRMED_PER_MILLISECOND = 8;

    /**
     * @param sent junk the node confirmed
     * @param refused sends or connections the node refused (inbox or connection limit)
     * @param unconfirmed junk sent without asking for confirmation
     */
    record Result(long sent, long refused, long unconfirmed) {}

    private final String flooder;
    private final int port;
    private final Path tlsKeystore;
    private final Path truststore;
    private final char[] password;
    private final LongAdder sent = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder unconfirmed = new LongAdder();

    Flooder(String flooder, int port, Path tlsKeystore, Path truststore, char[] password) {
        this.flooder = flooder;
        this.port = port;
        this.tlsKeystore = tlsKeystore;
        this.truststore = truststore;
        this.password = password;
    }

    Result flood(Duration length, String target) {
        long end = System.nanoTime() + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i <= CONFIRMED; i++) {
            boolean confirmed = i < CONFIRMED;
            Thread thread = new Thread(() -> send(end, target, confirmed), "flooder-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join(length.toMillis() + 30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Result(sent.sum(), refused.sum(), unconfirmed.sum());
    }

    private void send(long end, String target, boolean confirmed) {
        ActiveMQConnectionFactory factory = PeerConnections.peer("127.0.0.1", port, tlsKeystore, truststore, password);
        if (!confirmed) {
            factory.setBlockOnDurableSend(false);
            factory.setProducerWindowSize(-1);
        }
        byte[] junk = new byte[512];
        while (System.nanoTime() < end) {
            try (Connection connection = factory.createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue(BrokerAddresses.inbox(flooder)));
                while (System.nanoTime() < end) {
                    ThreadLocalRandom.current().nextBytes(junk);
                    BytesMessage message = session.createBytesMessage();
                    message.writeBytes(junk);
                    message.setStringProperty(MessageProperties.MESSAGE_ID, UUID.randomUUID().toString());
                    message.setStringProperty(MessageProperties.SENDER, flooder);
                    message.setStringProperty(MessageProperties.DELIVER_TO, target);
                    try {
                        producer.send(message);
                        (confirmed ? sent : unconfirmed).increment();
                        if (!confirmed && unconfirmed.sum() % UNCONFIRMED_PER_MILLISECOND == 0) {
                            Thread.sleep(1);
                        }
                    } catch (JMSException | RuntimeException e) {
                        refused.increment();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            } catch (JMSException | RuntimeException e) {
                refused.increment();
                NodeProcess.pause(Duration.ofMillis(200));
            }
        }
        factory.close();
    }
}
