package org.regionalexchange.node.faults;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.MessageProperties;
import org.regionalexchange.node.broker.PeerConnections;

/**
 * A local subscriber on the receiving node, as a customs unit or national system would run one: a durable
 * subscription to the dispatch topic over the node's local TLS acceptor, reconnecting whenever the node goes away.
 * It tells a duplicate apart from a redelivery: the broker redelivers the same JMS message (same JMSMessageID) when
 * the subscriber's acknowledgement was lost with a crash, which is not the node's doing; two different JMS messages
 * for one messageId mean the node dispatched it twice.
 */
final class DispatchCounter implements AutoCloseable {

    private final ConnectionFactory factory;
    private final String user;
    private final String password;
    private final String clientId;
    private final Map<String, Set<String>> dispatches = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Instant> arrivals = new ConcurrentLinkedQueue<>();
    private final Map<String, Instant> firstArrival = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    DispatchCounter(int localPort, Path truststore, char[] truststorePassword, String user, String password,
            String clientId) {
        this.factory = PeerConnections.local("127.0.0.1", localPort, truststore, truststorePassword);
        this.user = user;
        this.password = password;
        this.clientId = clientId;
        this.thread = new Thread(this::consume, "dispatch-counter-" + clientId);
        this.thread.setDaemon(true);
    }

    /** Subscribes (durably, so nothing dispatched while it is away is missed) and starts counting. */
    DispatchCounter start() {
        subscribeOnce();
        thread.start();
        return this;
    }

    /** Distinct messageIds received. */
    int received() {
        return dispatches.size();
    }

    Set<String> messageIds() {
        return Set.copyOf(dispatches.keySet());
    }

    /** MessageIds the node dispatched more than once (as different JMS messages). */
    long duplicated() {
        return dispatches.values().stream().filter(ids -> ids.size() > 1).count();
    }

    /** The first arrival after {@code since}, if any. */
    java.util.Optional<Instant> firstArrivalAfter(Instant since) {
        return arrivals.stream().filter(at -> at.isAfter(since)).min(Instant::compareTo);
    }

    /** When the subscriber was first given this message. */
    java.util.Optional<Instant> arrivedAt(String messageId) {
        return java.util.Optional.ofNullable(firstArrival.get(messageId));
    }

    java.util.Optional<Instant> lastArrival() {
        return arrivals.stream().max(Instant::compareTo);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void subscribeOnce() {
        try (Connection connection = factory.createConnection(user, password)) {
            connection.setClientID(clientId);
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            session.createDurableSubscriber(session.createTopic(BrokerAddresses.LOCAL_DISPATCH), clientId,
                    "rxKind = 'seizure-notice'", false).close();
        } catch (JMSException e) {
            throw new IllegalStateException("the drill's subscriber cannot subscribe: " + e.getMessage(), e);
        }
    }

    private void consume() {
        while (running) {
            try (Connection connection = factory.createConnection(user, password)) {
                connection.setClientID(clientId);
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createDurableSubscriber(
                        session.createTopic(BrokerAddresses.LOCAL_DISPATCH), clientId, "rxKind = 'seizure-notice'",
                        false);
                connection.start();
                while (running) {
                    Message message = consumer.receive(500);
                    if (message != null) {
                        record(message);
                        session.commit();
                    }
                }
            } catch (JMSException | RuntimeException e) {
                // the node is down or restarting: connect again shortly
                NodeProcess.pause(Duration.ofMillis(500));
            }
        }
    }

    private void record(Message message) throws JMSException {
        String messageId = message.getStringProperty(MessageProperties.MESSAGE_ID);
        dispatches.computeIfAbsent(messageId, id -> ConcurrentHashMap.newKeySet()).add(message.getJMSMessageID());
        Instant now = Instant.now();
        firstArrival.putIfAbsent(messageId, now);
        arrivals.add(now);
    }
}
