package org.regionalexchange.node.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.regionalexchange.node.audit.AuditEntry;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.routing.NextHopResolver;
import org.regionalexchange.node.routing.UnreachableRecipientException;
import org.regionalexchange.node.store.SentMessages;
import org.regionalexchange.node.logging.MessageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end reliability over hop-by-hop delivery: a recipient that was handed its copy but sent no receipt in time
 * gets the same sealed message again (same messageId), through whatever hop reaches it now, with a back-off that
 * doubles up to a ceiling. The receiver stores a messageId once and answers every copy with a receipt, so a lost
 * message or a lost receipt heals without duplicates. Receipts themselves are never resent; an expired message is
 * given up with the reason in its status.
 *
 * <p>A recipient that is working through a backlog must not be buried under resends of what it has not reached
 * yet: an overdue copy is resent only when the recipient has already confirmed a copy first handed over after this
 * one (it overtook it, so this one was lost), or has gone silent (no receipt for a whole receipt wait) while its next
 * hop is taking copies. Otherwise the check looks again later.
 */
public final class ReceiptWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptWatch.class);
    private static final int BATCH = 500;
    private static final Duration OVERTAKING_MARGIN = Duration.ofSeconds(2);

    private final SentMessages sent;
    private final NextHopResolver resolver;
    private final Consumer<List<HopCopy>> outbox;
    private final AuditLog audit;
    private final HopHealth hops;
    private final String self;
    private final Duration receiptWait;
    private final Duration maxWait;
    private final Clock clock;

    /** @param outbox queues copies in the per-peer outboxes, all or none (see {@link OutboxWriter#enqueueCopies}) */
    public ReceiptWatch(String self, SentMessages sent, NextHopResolver resolver, Consumer<List<HopCopy>> outbox,
            AuditLog audit,
            HopHealth hops, Duration receiptWait, Duration maxWait, Clock clock) {
        this.hops = hops;
        this.self = self;
        this.sent = sent;
        this.resolver = resolver;
        this.outbox = outbox;
        this.audit = audit;
        this.receiptWait = receiptWait;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /** Resends every overdue message that looks lost; returns how many recipients were resent to. */
    public int resendOverdue() {
        Instant now = clock.instant();
        Map<String, SentMessages.Progress> progress = new LinkedHashMap<>();
        Map<String, List<SentMessages.Unconfirmed>> byMessage = new LinkedHashMap<>();
        for (SentMessages.Unconfirmed overdue : sent.unconfirmed(BATCH)) {
            SentMessages.Progress answering = progress.computeIfAbsent(overdue.recipient(), sent::progress);
            if (looksLost(overdue, answering, now)) {
                byMessage.computeIfAbsent(overdue.messageId(), id -> new ArrayList<>()).add(overdue);
            } else {
                sent.postpone(overdue.messageId(), overdue.recipient(), now.plus(receiptWait.dividedBy(4)));
            }
        }
        int resent = 0;
        for (Map.Entry<String, List<SentMessages.Unconfirmed>> message : byMessage.entrySet()) {
            resent += resend(message.getKey(), message.getValue());
        }
        return resent;
    }

    private boolean looksLost(SentMessages.Unconfirmed overdue, SentMessages.Progress answering, Instant now) {
        boolean silent = answering.lastReceiptAt() == null
                || answering.lastReceiptAt().isBefore(now.minus(receiptWait));
        // The margin absorbs the small reordering of copies handed over together and taken by parallel consumers.
        boolean overtaken = answering.latestConfirmedHandOver() != null && overdue.handedOverAt() != null
                && answering.latestConfirmedHandOver().isAfter(overdue.handedOverAt().plus(OVERTAKING_MARGIN));
        boolean expired = overdue.expiresAt() != null && !now.isBefore(overdue.expiresAt());
        return expired || overtaken || (silent && !hopStalled(overdue.recipient()));
    }

    /** A silent recipient behind a hop that takes nothing is silent because of the hop: resending cannot help. */
    private boolean hopStalled(String recipient) {
        try {
            return hops.isStalled(resolver.nextHop(recipient));
        } catch (UnreachableRecipientException e) {
            return false;
        }
    }

    private int resend(String messageId, List<SentMessages.Unconfirmed> recipients) {
        try (MessageLog.Scope scope = MessageLog.about(messageId)) {
            return resendAbout(messageId, recipients);
        }
    }

    private int resendAbout(String messageId, List<SentMessages.Unconfirmed> recipients) {
        Instant now = clock.instant();
        Instant expiresAt = recipients.get(0).expiresAt();
        Optional<byte[]> wire = sent.wire(messageId);
        String giveUp = expiresAt != null && !now.isBefore(expiresAt)
                ? "no receipt before it expired at " + expiresAt + "; not resent"
                : wire.isEmpty() ? "no receipt, and no sealed copy was kept to resend" : null;
        if (giveUp != null) {
            recipients.forEach(r -> sent.resent(messageId, r.recipient(), null, giveUp));
            return 0;
        }
        int resend = recipients.stream().mapToInt(SentMessages.Unconfirmed::resends).max().orElse(0) + 1;
        List<String> names = recipients.stream().map(SentMessages.Unconfirmed::recipient).toList();
        Map<String, List<String>> hops;
        try {
            hops = resolver.plan(names);
        } catch (UnreachableRecipientException e) {
            recipients.forEach(r -> sent.resent(messageId, r.recipient(), now.plus(maxWait), e.getMessage()));
            return 0;
        }
        List<HopCopy> copies = new ArrayList<>();
        hops.forEach((hop, deliverTo) -> copies.add(new HopCopy(hop, messageId, self, deliverTo, wire.get(), resend)));
        String digest = AuditEntry.sha256(wire.get());
        audit.inTransaction("recording a resend of " + messageId, (connection, entries) -> {
            for (HopCopy copy : copies) {
                entries.append(messageId, digest, copy.hop(), Decision.RESENT);
            }
            return null;
        });
        outbox.accept(copies);
        for (SentMessages.Unconfirmed recipient : recipients) {
            sent.resent(messageId, recipient.recipient(), now.plus(backoff(recipient.resends() + 1)),
                    "no receipt in time; resent (resend " + (recipient.resends() + 1) + ")");
        }
        LOG.info("message {}: no receipt from {} in time, resent (resend {})", messageId, names, resend);
        return recipients.size();
    }

    /** The wait before the next resend: the receipt wait, doubled per resend, never above the ceiling. */
    Duration backoff(int resends) {
        Duration wait = receiptWait;
        for (int i = 0; i < resends && wait.compareTo(maxWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
