package org.regionalexchange.node.inbox;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.MessageProperties;
import org.regionalexchange.node.store.QuarantineStore;
import org.regionalexchange.node.logging.MessageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator does with quarantined messages: list them (metadata, size and digest, never the bytes), fetch
 * one entry's bytes, release one back into the inbox as if its peer delivered it again, or delete one. Release and
 * delete are audited with the acting user as the entry's peer. No HTTP here: the REST layer calls this and decides
 * who may (releasing and deleting are for {@code admin}).
 *
 * <p>A released entry is removed once its bytes are back in the inbox. If the message fails again it is simply
 * quarantined again, as a new entry with its reason (the detail names the entry it was released from).
 */
public final class QuarantineDesk {

    private static final Logger LOG = LoggerFactory.getLogger(QuarantineDesk.class);
    /** What an audit entry's peer column holds. */
    static final int MAX_ACTOR_LENGTH = 64;

    private final QuarantineStore store;
    private final AuditLog audit;
    private final ConnectionFactory internal;
    private final Clock clock;

    /** @param internal the node's own in-VM connections: only they can send a released copy the inbox believes */
    public QuarantineDesk(QuarantineStore store, AuditLog audit, ConnectionFactory internal, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.internal = internal;
        this.clock = clock;
    }

    /** Rejections counted instead of kept, per peer, reason and hour, the newest hour first. */
    public List<QuarantineStore.Repeats> repeats(int limit) {
        return store.repeats(limit);
    }

    /** Newest first; see {@link QuarantineStore.Query} for paging and filters. */
    public List<QuarantineStore.Summary> list(QuarantineStore.Query query) {
        return store.list(query);
    }

    public Optional<QuarantineStore.Summary> entry(long id) {
        return store.find(id);
    }

    /** The bytes exactly as they arrived, or empty when there is no such entry. */
    public Optional<byte[]> raw(long id) {
        return store.raw(id);
    }

    /**
     * Puts the entry's bytes back into this node's inbox, carrying the peer that delivered them and the entry id,
     * then removes the entry.
     *
     * <p>Order of effects, across the database and the broker: the release is first marked on the entry and
     * audited (one transaction), then sent, then the entry is removed. A crash after the mark leaves the entry in
     * place, marked, bytes intact: nothing is lost, and releasing it again sends under the same duplicate id, which
     * the broker drops if the first send got through. Sending first instead would let the inbox process the copy
     * (and audit its outcome) before the release itself is audited.
     *
     * @param actor the authenticated user, recorded as the audit entry's peer
     * @return false when there is no such entry
     */
    public boolean release(long id, String actor) {
        String who = checkedActor(actor);
        Optional<QuarantineStore.Summary> entry = audit.inTransaction("releasing quarantine entry " + id,
                (connection, entries) -> {
                    Optional<QuarantineStore.Summary> found = store.find(connection, id);
                    if (found.isPresent() && store.markReleased(connection, id, clock.instant(), who)) {
                        entries.append(auditId(found.get().messageId()), found.get().sha256(), who,
                                Decision.RELEASED);
                    }
                    return found;
                });
        Optional<byte[]> raw = entry.isPresent() ? store.raw(id) : Optional.empty();
        if (raw.isEmpty()) {
            return false;
        }
        send(entry.get(), raw.get());
        store.delete(id);
        try (MessageLog.Scope scope = MessageLog.about(entry.get().messageId())) {
            LOG.info("quarantine entry {} (message {}, from {}) released into the inbox by {}", id,
                    entry.get().messageId(), entry.get().deliveringPeer(), who);
        }
        return true;
    }

    /**
     * Removes the entry and audits who did, in one transaction.
     *
     * @return false when there is no such entry
     */
    public boolean delete(long id, String actor) {
        String who = checkedActor(actor);
        boolean deleted = audit.inTransaction("deleting quarantine entry " + id, (connection, entries) -> {
            Optional<QuarantineStore.Summary> found = store.find(connection, id);
            if (found.isEmpty() || !store.delete(connection, id)) {
                return false;
            }
            entries.append(auditId(found.get().messageId()), found.get().sha256(), who, Decision.DELETED);
            return true;
        });
        if (deleted) {
            LOG.info("quarantine entry {} deleted by {}", id, who);
        }
        return deleted;
    }

    private void send(QuarantineStore.Summary entry, byte[] raw) {
        try (Connection connection = internal.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageProducer producer = session.createProducer(session.createQueue(BrokerAddresses.INBOX))) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(raw);
                message.setStringProperty(MessageProperties.MESSAGE_ID, nullToEmpty(entry.messageId()));
                message.setStringProperty(MessageProperties.SENDER, nullToEmpty(entry.sender()));
                message.setStringProperty(MessageProperties.DELIVER_TO, String.join(",", entry.deliverTo()));
                message.setIntProperty(MessageProperties.RESEND, 0);
                message.setLongProperty(MessageProperties.RELEASED_FROM, entry.id());
                message.setStringProperty(MessageProperties.RELEASED_PEER, entry.deliveringPeer());
                // One id per entry and content: a repeated release after a crash cannot put a second copy in.
                message.setStringProperty(MessageProperties.DUPLICATE_ID,
                        "release>" + entry.id() + ">" + entry.sha256());
                producer.send(message);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("releasing quarantine entry " + entry.id() + " into the inbox: "
                    + e.getMessage() + " (the entry is kept, marked released; release it again)", e);
        }
    }

    static String checkedActor(String actor) {
        if (actor == null || actor.isBlank() || actor.length() > MAX_ACTOR_LENGTH
                || actor.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the acting user must be a name of 1 to " + MAX_ACTOR_LENGTH
                    + " printable characters");
        }
        return actor;
    }

    static String auditId(String messageId) {
        return messageId == null || messageId.isBlank() ? "unknown" : messageId;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
