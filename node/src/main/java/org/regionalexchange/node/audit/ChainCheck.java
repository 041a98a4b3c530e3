package org.regionalexchange.node.audit;

import java.util.Optional;

/** The state of one walk along the chain, entry by entry in seq order, and what it concludes. */
final class ChainCheck {

    private final Optional<AuditAnchor.Head> anchor;
    private long expectedSeq = 1;
    private String previousHash = AuditEntry.GENESIS;
    private long checked;

    ChainCheck(Optional<AuditAnchor.Head> anchor) {
        this.anchor = anchor;
    }

    /** The report naming this entry when it breaks the chain, or empty to go on with the next one. */
    Optional<AuditReport> next(AuditEntry entry) {
        if (entry.seq() != expectedSeq) {
            return broken(expectedSeq, "missing (removed); the chain jumps to entry " + entry.seq());
        }
        if (!entry.hashMatches()) {
            return broken(entry.seq(), "hash does not match its contents (changed)");
        }
        if (!entry.previousHash().equals(previousHash)) {
            return broken(entry.seq(), "previous hash does not match entry " + (entry.seq() - 1)
                    + " (reordered, or an entry before it was replaced)");
        }
        if (anchor.isPresent() && anchor.get().seq() == entry.seq()
                && !anchor.get().entryHash().equals(entry.entryHash())) {
            return Optional.of(AuditReport.replaced(checked, anchor.get()));
        }
        previousHash = entry.entryHash();
        expectedSeq++;
        checked++;
        return Optional.empty();
    }

    /** After the last entry: intact, unless the chain stopped short of the anchored entry. */
    AuditReport end() {
        if (anchor.isPresent() && anchor.get().seq() >= expectedSeq) {
            return AuditReport.cut(checked, expectedSeq, anchor.get());
        }
        return AuditReport.intact(checked, anchor);
    }

    private Optional<AuditReport> broken(long seq, String problem) {
        return Optional.of(AuditReport.broken(checked, seq, problem, anchor));
    }
}
