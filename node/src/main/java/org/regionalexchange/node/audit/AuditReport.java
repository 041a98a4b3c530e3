package org.regionalexchange.node.audit;

import java.util.Optional;

/**
 * The result of checking the chain.
 *
 * @param firstBrokenSeq the first entry that was changed, removed or reordered, when the chain is broken
 * @param problem what is wrong with it, in a sentence an auditor can act on
 * @param anchor the local anchor the chain was checked against, when one was given
 * @param hubCheckpoint the hub's checkpoint of this node's chain it was checked against, when one was given
 */
public record AuditReport(long entriesChecked, Optional<Long> firstBrokenSeq, String problem,
        Optional<AuditAnchor.Head> anchor, Optional<AuditAnchor.Head> hubCheckpoint) {

    /** A report of a check without an anchor. */
    public AuditReport(long entriesChecked, Optional<Long> firstBrokenSeq, String problem) {
        this(entriesChecked, firstBrokenSeq, problem, Optional.empty(), Optional.empty());
    }

    public boolean intact() {
        return firstBrokenSeq.isEmpty();
    }

    static AuditReport intact(long entries, Optional<AuditAnchor.Head> anchor,
            Optional<AuditAnchor.Head> hubCheckpoint) {
        return new AuditReport(entries, Optional.empty(), "chain intact: " + entries + " entries"
                + anchor.map(head -> ", entry " + head.seq() + " matches the anchor").orElse("")
                + hubCheckpoint.map(head -> ", entry " + head.seq() + " matches the hub's checkpoint").orElse(""),
                anchor, hubCheckpoint);
    }

    /** The chain ends before the anchored entry: its tail was deleted or the database went back in time. */
    static String cutProblem(long firstMissing, AuditAnchor.Head anchor) {
        return missing(firstMissing, anchor) + " missing after the last anchor (seq " + anchor.seq() + " recorded "
                + anchor.recordedAt() + "): the log was cut or rolled back; restore it from a backup and compare with"
                + " the anchor held by the hub";
    }

    /** As {@link #cutProblem}, for the copy of the head the hub holds, which a local rollback cannot reach. */
    static String cutAtHubProblem(long firstMissing, AuditAnchor.Head checkpoint) {
        return missing(firstMissing, checkpoint) + " missing: the hub holds a checkpoint of entry "
                + checkpoint.seq() + recorded(checkpoint) + ": the log was cut or rolled back (with the anchor file"
                + " too if that check did not say so); restore it from a backup that reaches entry "
                + checkpoint.seq();
    }

    /** A chain that is consistent in itself but is not the one anchored: rebuilt or swapped for another. */
    static AuditReport replaced(long checked, AuditAnchor.Head anchor, Optional<AuditAnchor.Head> hubCheckpoint) {
        return new AuditReport(checked, Optional.of(anchor.seq()), "entry " + anchor.seq() + " does not match the"
                + " anchor: the log was replaced; restore it from a backup and compare with the anchor held by the hub",
                Optional.of(anchor), hubCheckpoint);
    }

    /** As {@link #replaced}, against the hub's checkpoint. */
    static AuditReport replacedAtHub(long checked, Optional<AuditAnchor.Head> anchor,
            AuditAnchor.Head checkpoint) {
        return new AuditReport(checked, Optional.of(checkpoint.seq()), "entry " + checkpoint.seq() + " does not"
                + " match the hub's checkpoint: the hub holds a checkpoint of entry " + checkpoint.seq()
                + recorded(checkpoint) + " with hash " + checkpoint.entryHash() + "; the log was replaced; restore it"
                + " from a backup that reaches entry " + checkpoint.seq(), anchor, Optional.of(checkpoint));
    }

    private static String missing(long firstMissing, AuditAnchor.Head head) {
        return firstMissing == head.seq() ? "entry " + firstMissing + " is"
                : "entries " + firstMissing + " to " + head.seq() + " are";
    }

    /** The hub's checkpoint may come without its time when only seq and hash were passed on. */
    private static String recorded(AuditAnchor.Head head) {
        return head.recordedAt() == null ? "" : " recorded " + head.recordedAt();
    }
}
