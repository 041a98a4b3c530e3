package org.regionalexchange.node.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The state of one walk along the chain, entry by entry in seq order, and what it concludes. */
final class ChainCheck {

    private final Optional<AuditAnchor.Head> anchor;
    private final Optional<AuditAnchor.Head> hubCheckpoint;
    private long expectedSeq = 1;
    private String previousHash = AuditEntry.GENESIS;
    private long checked;

    ChainCheck(Optional<AuditAnchor.Head> anchor, Optional<AuditAnchor.Head> hubCheckpoint) {
        this.anchor = anchor;
        this.hubCheckpoint = hubCheckpoint;
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
        if (differs(anchor, entry)) {
            return Optional.of(AuditReport.replaced(checked, anchor.get(), hubCheckpoint));
        }
        if (differs(hubCheckpoint, entry)) {
            return Optional.of(AuditReport.replacedAtHub(checked, anchor, hubCheckpoint.get()));
        }
        previousHash = entry.entryHash();
        expectedSeq++;
        checked++;
        return Optional.empty();
    }

    /**
     * After the last entry: intact, unless the chain stopped short of the anchored entry or of the hub's checkpoint.
     * Both are named when both are missing, since a rollback of log and anchor file together leaves only the hub's.
     */
    AuditReport end() {
        List<String> problems = new ArrayList<>();
        if (anchor.isPresent() && anchor.get().seq() >= expectedSeq) {
            problems.add(AuditReport.cutProblem(expectedSeq, anchor.get()));
        }
        if (hubCheckpoint.isPresent() && hubCheckpoint.get().seq() >= expectedSeq) {
            problems.add(AuditReport.cutAtHubProblem(expectedSeq, hubCheckpoint.get()));
        }
        if (!problems.isEmpty()) {
            return new AuditReport(checked, Optional.of(expectedSeq), String.join(" ", problems), anchor,
                    hubCheckpoint);
        }
        return AuditReport.intact(checked, anchor, hubCheckpoint);
    }

    private static boolean differs(Optional<AuditAnchor.Head> expected, AuditEntry entry) {
        return expected.isPresent() && expected.get().seq() == entry.seq()
                && !expected.get().entryHash().equals(entry.entryHash());
    }

    private Optional<AuditReport> broken(long seq, String problem) {
        return Optional.of(new AuditReport(checked, Optional.of(seq), "entry " + seq + ": " + problem, anchor,
                hubCheckpoint));
    }
}
