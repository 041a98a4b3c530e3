package org.regionalexchange.node.outbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.regionalexchange.node.audit.AuditAnchor;
import org.regionalexchange.node.audit.AuditEntry;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.schemas.MessageKind;

/**
 * Sends the head of this node's audit chain to the hub as a signed {@code audit-checkpoint}, through the ordinary
 * submit path, so that a copy of the head lies where an insider at this node cannot roll it back. The hub sends
 * none: it has no one above it to hold its copy.
 *
 * <p>When to send: sending a checkpoint adds entries to the chain itself (SENT, RESENT if the receipt is late, and
 * the hub's receipt coming back), so the head moves after every checkpoint. A new one is sent only when the chain
 * holds an entry after the last checkpointed head that is not part of that exchange: an entry of the checkpoint's own
 * messageId, or a receipt the hub itself signed (a member's receipt relayed by the hub counts as traffic). An idle
 * node thus sends one checkpoint and then none. The price is that a receipt from the hub for an older message does
 * not trigger a checkpoint by itself; the next one covers it.
 * The last checkpoint is remembered in memory only, so a restarted node sends one at its first run.
 */
public final class AuditCheckpoints {

    /** Enough to find one entry of other traffic; a checkpoint exchange itself adds only a handful. */
    static final int LOOK_AHEAD = 64;

    private final String self;
    private final String hub;
    private final AuditLog log;
    private final Function<Submission, String> submit;
    private final java.util.function.Predicate<String> signedByTheHub;
    private Checkpointed last;

    /** The head sent and the messageId it went under, so the entries of that exchange can be told apart. */
    private record Checkpointed(AuditAnchor.Head head, String messageId) {}

    /** @param submit the node's submit path; answers the new messageId once the message is recorded */
    public AuditCheckpoints(String self, String hub, AuditLog log, Function<Submission, String> submit) {
        this(self, hub, log, submit, receiptId -> true);
    }

    /**
     * @param signedByTheHub whether a receipt this node received (by its messageId) was signed by the hub itself:
     *     a member's receipt that came through the hub (its link to the member down) is other traffic
     */
    public AuditCheckpoints(String self, String hub, AuditLog log, Function<Submission, String> submit,
            java.util.function.Predicate<String> signedByTheHub) {
        if (self.equals(hub)) {
            throw new IllegalArgumentException("the hub " + hub + " sends no audit checkpoints: there is no one"
                    + " to hold them");
        }
        this.self = self;
        this.hub = hub;
        this.log = log;
        this.submit = submit;
        this.signedByTheHub = signedByTheHub;
    }

    /**
     * Sends the current head to the hub when other traffic moved it since the last checkpoint.
     *
     * @return the head sent, or empty when there was nothing new (or the chain is still empty)
     * @throws IllegalStateException when the chain no longer holds the head last sent: a new checkpoint would let
     *     the hub's latest copy vouch for the cut chain
     */
    public synchronized Optional<AuditAnchor.Head> checkpointNow() {
        Optional<AuditAnchor.Head> head = log.head();
        if (head.isEmpty() || !worthACheckpoint()) {
            return Optional.empty();
        }
        String messageId = submit.apply(submission(head.get()));
        last = new Checkpointed(head.get(), messageId);
        return head;
    }

    private boolean worthACheckpoint() {
        if (last == null) {
            return true;
        }
        requireStillInTheLog(last.head());
        List<AuditEntry> since = log.entriesAfter(last.head().seq(), LOOK_AHEAD);
        return since.stream().anyMatch(entry -> !partOfTheLastCheckpoint(entry));
    }

    private boolean partOfTheLastCheckpoint(AuditEntry entry) {
        return entry.messageId().equals(last.messageId())
                || entry.decision() == Decision.RECEIPT && entry.peer().equals(hub)
                        && signedByTheHub.test(entry.messageId());
    }

    private void requireStillInTheLog(AuditAnchor.Head sent) {
        Optional<AuditAnchor.Head> now = log.headAt(sent.seq());
        if (now.isEmpty() || !now.get().entryHash().equals(sent.entryHash())) {
            throw new IllegalStateException("the audit log no longer holds entry " + sent.seq() + " as checkpointed"
                    + " at the hub " + hub + " (it was cut, rolled back or replaced); no further checkpoint is sent:"
                    + " run `node audit verify --config FILE --hub-api URL` and restore the log from a backup");
        }
    }

    private Submission submission(AuditAnchor.Head head) {
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("node", self).put("seq", head.seq())
                .put("entryHash", head.entryHash()).put("recordedAt", head.recordedAt().toString())
                .put("entries", head.seq());
        return new Submission(MessageKind.AUDIT_CHECKPOINT.id(), List.of(hub), "GREEN", document, List.of(), null,
                "en", "actual");
    }
}
