package org.regionalexchange.node.api;

import java.util.List;
import org.regionalexchange.node.inbox.DeadLetterDesk;
import org.regionalexchange.node.inbox.QuarantineDesk;
import org.regionalexchange.node.store.QuarantineStore;

/**
 * {@code /api/v1/quarantine} and {@code /api/v1/dead-letter}: listings of metadata (size and digest, never the bytes),
 * one payload by id, and the admin's audited release, retry and delete, each answered for the user who acted.
 */
public final class OperatorDesks {

    private final QuarantineDesk quarantine;
    private final DeadLetterDesk deadLetters;

    public OperatorDesks(QuarantineDesk quarantine, DeadLetterDesk deadLetters) {
        this.quarantine = quarantine;
        this.deadLetters = deadLetters;
    }

    /** @throws ApiProblem naming a malformed parameter */
    public String quarantine(String limit, String before, String reasonCode, String peer) {
        List<QuarantineItem> items = quarantine.list(new QuarantineStore.Query(number("limit", limit, 100),
                before == null ? null : (long) number("before", before, 0), reasonCode, peer)).stream()
                .map(QuarantineItem::of).toList();
        return NodeApi.write(items);
    }

    /** The hours in which a peer's rejections of one reason went past what is kept, with their counts. */
    public String repeats(String limit) {
        return NodeApi.write(quarantine.repeats(number("limit", limit, 100)).stream().map(QuarantineRepeat::of)
                .toList());
    }

    /** @throws ApiProblem 404 when there is no such entry */
    public byte[] quarantined(String id) {
        long entry = id("quarantine entry", id);
        return quarantine.raw(entry).orElseThrow(() -> ApiProblem.notFound("no quarantine entry " + entry));
    }

    public String release(String id, ApiUser admin) {
        long entry = id("quarantine entry", id);
        if (!quarantine.release(entry, admin.name())) {
            throw ApiProblem.notFound("no quarantine entry " + entry);
        }
        return NodeApi.write(new ActionDone("released", "quarantine entry " + entry, admin.name()));
    }

    public String delete(String id, ApiUser admin) {
        long entry = id("quarantine entry", id);
        if (!quarantine.delete(entry, admin.name())) {
            throw ApiProblem.notFound("no quarantine entry " + entry);
        }
        return NodeApi.write(new ActionDone("deleted", "quarantine entry " + entry, admin.name()));
    }

    public String deadLetters(String limit) {
        return NodeApi.write(deadLetters.list(number("limit", limit, 100)).stream()
                .map(letter -> new DeadLetterItem(letter.id(), letter.originalAddress(), letter.deliveringPeer(),
                        letter.messageId(), letter.sender(), letter.sizeBytes(), letter.sha256(),
                        letter.sentAt() == null ? null : letter.sentAt().toString()))
                .toList());
    }

    public byte[] deadLetter(String id) {
        return deadLetters.body(id).orElseThrow(() -> ApiProblem.notFound("no dead letter " + id));
    }

    public String retry(String id, ApiUser admin) {
        if (!deadLetters.retry(id, admin.name())) {
            throw ApiProblem.notFound("no dead letter " + id);
        }
        return NodeApi.write(new ActionDone("retried", "dead letter " + id, admin.name()));
    }

    public String discard(String id, ApiUser admin) {
        if (!deadLetters.delete(id, admin.name())) {
            throw ApiProblem.notFound("no dead letter " + id);
        }
        return NodeApi.write(new ActionDone("deleted", "dead letter " + id, admin.name()));
    }

    private static long id(String what, String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("", what + " id '" + id + "' is not a whole number");
        }
    }

    private static int number(String parameter, String value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("", "query parameter " + parameter + ": '" + value
                    + "' is not a whole number");
        }
    }
}
