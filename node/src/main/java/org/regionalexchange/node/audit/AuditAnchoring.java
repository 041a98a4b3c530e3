package org.regionalexchange.node.audit;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps the anchor file at the head of the chain. It only ever moves the anchor forward along the same chain: when
 * the log no longer holds the anchored entry, overwriting the anchor would erase the one record of the cut, so it
 * refuses and leaves the file for the auditor.
 */
public final class AuditAnchoring {

    private final AuditLog log;
    private final AuditAnchor anchor;
    private Optional<AuditAnchor.Head> lastWritten;

    public AuditAnchoring(AuditLog log, Path anchorFile) {
        this.log = log;
        this.anchor = new AuditAnchor(anchorFile);
    }

    /**
     * Writes the current head when it moved since the last anchor.
     *
     * @return the head written, or empty when the chain did not move (or is still empty)
     * @throws AuditAnchorException when the log no longer holds the anchored entry, or the file cannot be written
     */
    public synchronized Optional<AuditAnchor.Head> anchorNow() {
        if (lastWritten == null) {
            lastWritten = anchor.read();
        }
        Optional<AuditAnchor.Head> head = log.head();
        if (head.equals(lastWritten)) {
            return Optional.empty();
        }
        lastWritten.ifPresent(this::requireStillInTheLog);
        anchor.write(head.orElseThrow());
        lastWritten = head;
        return head;
    }

    private void requireStillInTheLog(AuditAnchor.Head anchored) {
        Optional<AuditAnchor.Head> now = log.headAt(anchored.seq());
        if (now.isEmpty() || !now.get().entryHash().equals(anchored.entryHash())) {
            throw new AuditAnchorException("the audit log no longer holds entry " + anchored.seq() + " as anchored in "
                    + anchor.file() + " (it was cut, rolled back or replaced); the anchor is left as it is: run"
                    + " `node audit verify --config FILE` and restore the log from a backup", null);
        }
    }
}
