package org.regionalexchange.node.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.BrokerConfig;
import org.regionalexchange.node.broker.EmbeddedBroker;
import org.regionalexchange.node.broker.InternalCredentials;
import org.regionalexchange.node.broker.NodeSecurityManager;
import org.regionalexchange.node.broker.PeerConnections;
import org.regionalexchange.node.envelope.JsonLimits;
import org.regionalexchange.node.trust.NodeIdentity;

/**
 * Bound B: what the broker alone allows. KZ's broker starts as the node starts it (persistent NIO journal, the peers'
 * mutual-TLS 1.3 acceptor); KG connects with its TLS certificate and sends persistent 2 KB messages to KZ's inbox,
 * which an in-VM consumer takes off in transactions as the node's inbox route does. Measured is what the consumer
 * committed per second: (a) one synchronous sender, each message its own commit at both ends; (b) transacted
 * batches of 100 at both ends.
 */
final class BrokerBound {

    static final String PHASE = "broker";
    private static final int BATCH = 100;
    private static final byte[] PAYLOAD = BenchDocument.seizureNotice().toString().getBytes(
            java.nio.charset.StandardCharsets.UTF_8);

    private final Path folder;

    BrokerBound(Path folder) {
        this.folder = folder;
    }

    List<Figure> run(BenchPlan plan, Meter meter) {
        RegionalPki pki = RegionalPki.create(folder.resolve("pki"), List.of("KZ", "KG"), Clock.systemUTC());
        InternalCredentials internal = InternalCredentials.generate();
        int port = freePort();
        BrokerConfig config = new BrokerConfig("KZ", folder.resolve("kz-data"), "127.0.0.1", port, 0,
                pki.node("KZ").tlsKeystore(), pki.truststore(), pki.password(), List.of("KG"),
                JsonLimits.DEFAULT.maxBytes(),
                // The bound measures the broker, not the per-peer inbox limit: the batches may run far ahead.
                new org.regionalexchange.node.broker.InboxLimits(Integer.MAX_VALUE, 64L << 30, 16, 1_000));
        List<Figure> figures = new ArrayList<>();
        try (EmbeddedBroker broker = new EmbeddedBroker(config, new NodeSecurityManager(internal, Map.of(),
                NodeIdentity::of, certificate -> false)).start()) {
            ActiveMQConnectionFactory peer = PeerConnections.peer("127.0.0.1", port, pki.node("KG").tlsKeystore(),
                    pki.truststore(), pki.password());
            ActiveMQConnectionFactory local = PeerConnections.internal(broker.inVmUrl(), internal);
            // The node's own consumers take one message at a time; a bound wants the broker's best, so a buffer.
            local.setConsumerWindowSize(1024 * 1024);
            Link sync = new Link(peer, local, 1, broker);
            sync.measure(meter, PHASE + " warm-up, synchronous sender", plan.warmUp(), Duration.ZERO);
            figures.add(new Figure(PHASE, "(a) one synchronous durable sender",
                    sync.measure(meter, PHASE + " (a) synchronous sender", Duration.ZERO, plan.share(2)), "msg/s"));
            Link batches = new Link(peer, local, BATCH, broker);
            figures.add(new Figure(PHASE, "(b) transacted batches of " + BATCH,
                    batches.measure(meter, PHASE + " (b) batches of " + BATCH, Duration.ZERO, plan.share(2)),
                    "msg/s"));
        }
        return figures;
    }

    /** One sender at KG and one consumer at KZ, committing every {@code batch} messages (1: no transaction). */
    private record Link(ActiveMQConnectionFactory peer, ActiveMQConnectionFactory local, int batch,
            EmbeddedBroker broker) {

        double measure(Meter meter, String label, Duration warmUp, Duration duration) {
            LongAdder received = new LongAdder();
            double rate;
            try (Workers consumer = new Workers(PHASE + "-consumer", 1, () -> new Receiver(local, batch, received))) {
                try (Workers sender = new Workers(PHASE + "-sender", 1, () -> new Sender(peer, batch))) {
                    rate = meter.measure(label, warmUp, duration, received::sum,
                            () -> sender.running() && consumer.running());
                }
                awaitEmpty(consumer);
            }
            return rate;
        }

        /** Lets the consumer take what the sender left, so the next case starts on an empty queue. */
        private void awaitEmpty(Workers consumer) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (broker.depth(BrokerAddresses.inbox("KG")) > 0 && consumer.running() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    private static final class Sender implements Workers.Task {
        private final Connection connection;
        private final Session session;
        private final MessageProducer producer;
        private final int batch;

        Sender(ActiveMQConnectionFactory factory, int batch) throws Exception {
            this.batch = batch;
            connection = factory.createConnection();
            session = connection.createSession(batch > 1, batch > 1 ? Session.SESSION_TRANSACTED
                    : Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(session.createQueue(BrokerAddresses.inbox("KG")));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        }

        @Override
        public void once() throws Exception {
            for (int i = 0; i < batch; i++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(PAYLOAD);
                producer.send(message);
            }
            if (batch > 1) {
                session.commit();
            }
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    private static final class Receiver implements Workers.Task {
        private final Connection connection;
        private final Session session;
        private final MessageConsumer consumer;
        private final int batch;
        private final LongAdder received;
        private int pending;

        Receiver(ActiveMQConnectionFactory factory, int batch, LongAdder received) throws Exception {
            this.batch = batch;
            this.received = received;
            connection = factory.createConnection();
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
            consumer = session.createConsumer(session.createQueue(BrokerAddresses.inbox("KG")));
            connection.start();
        }

        /** Commits a full batch, or what it has when the queue runs dry, so nothing waits uncommitted at the end. */
        @Override
        public void once() throws Exception {
            boolean got = consumer.receive(100) != null;
            if (got) {
                pending++;
            }
            if (pending > 0 && (pending >= batch || !got)) {
                session.commit();
                received.add(pending);
                pending = 0;
            }
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
