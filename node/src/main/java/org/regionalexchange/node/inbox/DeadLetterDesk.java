package org.regionalexchange.node.inbox;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.regionalexchange.node.audit.AuditEntry;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.EmbeddedBroker;
import org.regionalexchange.node.broker.MessageProperties;
import org.regionalexchange.node.logging.MessageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator does with messages the broker gave up redelivering ({@link BrokerAddresses#DEAD_LETTER}, where
 * the inbox parks a message after 20 failed deliveries): list them, fetch one's body, retry one (back to the address
 * it failed on, with the delivering peer the broker validated) or delete one; retry and delete are audited with
 * the acting user as the entry's peer. No HTTP here: the REST layer calls this.
 *
 * <p>Size and digest are computed from the body while browsing: the queue holds no digest, and it is expected to
 * stay short (a message lands there only when the node itself is failing). Artemis records where a message failed
 * (its original address), not why; the node's log has the cause.
 */
public final class DeadLetterDesk {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDesk.class);
    private static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    /** What Artemis JMS clients give a message; checked before it goes into a selector. */
    private static final Pattern JMS_MESSAGE_ID = Pattern.compile("ID:[0-9a-fA-F-]{36}");
    public static final int MAX_LIMIT = 500;

    private final ConnectionFactory internal;
    private final EmbeddedBroker broker;
    private final AuditLog audit;

    /**
     * One parked message.
     *
     * @param id the JMS message id, which names the message for {@link #body}, {@link #retry} and {@link #delete}
     * @param deliveringPeer the user the broker validated for the original send
     * @param sentAt when the message was first sent to this broker
     */
    public record DeadLetter(String id, String originalAddress, String deliveringPeer, String messageId,
            String sender, long sizeBytes, String sha256, Instant sentAt) {}

    public DeadLetterDesk(ConnectionFactory internal, EmbeddedBroker broker, AuditLog audit) {
        this.internal = internal;
        this.broker = broker;
        this.audit = audit;
    }

    /** Oldest first (queue order), at most limit (capped at {@link #MAX_LIMIT}). */
    public List<DeadLetter> list(int limit) {
        int max = Math.max(1, Math.min(limit, MAX_LIMIT));
        List<DeadLetter> letters = new ArrayList<>();
        browse(null, message -> {
            letters.add(deadLetter(message));
            return letters.size() < max;
        });
        return letters;
    }

    /** The body of one parked message, or empty when there is none with this id. */
    public Optional<byte[]> body(String id) {
        return find(id).map(Found::body);
    }

    /**
     * Moves the message back to its original address. Audited first: should the node stop in between, the
     * audit says more than happened (the message is still parked, retry again), never less.
     *
     * @param actor the authenticated user, recorded as the audit entry's peer
     * @return false when there is no such message
     */
    public synchronized boolean retry(String id, String actor) {
        return act(id, actor, Decision.RETRIED, () -> broker.retryDeadLetter(id));
    }

    /** Removes the message, audited first as {@link #retry} is; false when there is no such message. */
    public synchronized boolean delete(String id, String actor) {
        return act(id, actor, Decision.DISCARDED, () -> broker.removeDeadLetter(id));
    }

    private boolean act(String id, String actor, Decision decision, java.util.function.BooleanSupplier action) {
        String who = QuarantineDesk.checkedActor(actor);
        Optional<Found> found = find(id);
        if (found.isEmpty()) {
            return false;
        }
        DeadLetter letter = found.get().letter();
        audit.append(QuarantineDesk.auditId(letter.messageId()), letter.sha256(), who, decision);
        boolean done = action.getAsBoolean();
        try (MessageLog.Scope scope = MessageLog.about(letter.messageId())) {
            LOG.info("dead letter {} (message {}, from {}): {} by {}{}", id, letter.messageId(),
                    letter.deliveringPeer(), decision, who, done ? "" : " found nothing to act on");
        }
        return done;
    }

    private record Found(DeadLetter letter, byte[] body) {}

    private Optional<Found> find(String id) {
        if (id == null || !JMS_MESSAGE_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        List<Found> found = new ArrayList<>();
        browse("JMSMessageID = '" + id + "'", message -> {
            byte[] body = body(message);
            found.add(new Found(deadLetter(message, body), body));
            return false;
        });
        return found.stream().findFirst();
    }

    @FunctionalInterface
    private interface Visitor {
        /** @return whether to go on browsing */
        boolean visit(Message message) throws JMSException;
    }

    private void browse(String selector, Visitor visitor) {
        try (Connection connection = internal.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(BrokerAddresses.DEAD_LETTER),
                    selector)) {
                Enumeration<?> messages = browser.getEnumeration();
                while (messages.hasMoreElements()) {
                    if (!visitor.visit((Message) messages.nextElement())) {
                        return;
                    }
                }
            }
        } catch (JMSException e) {
            throw new IllegalStateException("browsing the dead-letter queue: " + e.getMessage(), e);
        }
    }

    private static DeadLetter deadLetter(Message message) throws JMSException {
        return deadLetter(message, body(message));
    }

    private static DeadLetter deadLetter(Message message, byte[] body) throws JMSException {
        return new DeadLetter(message.getJMSMessageID(), message.getStringProperty(ORIGINAL_ADDRESS),
                message.getStringProperty(MessageProperties.VALIDATED_USER),
                message.getStringProperty(MessageProperties.MESSAGE_ID),
                message.getStringProperty(MessageProperties.SENDER), body.length, AuditEntry.sha256(body),
                Instant.ofEpochMilli(message.getJMSTimestamp()));
    }

    private static byte[] body(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            bytes.reset();
            return body;
        }
        String text = message instanceof jakarta.jms.TextMessage textMessage ? textMessage.getText() : null;
        return text == null ? new byte[0] : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
