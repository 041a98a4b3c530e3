package org.regionalexchange.node.audit;

import java.util.Optional;

/**
 * The result of checking the chain.
 *
 * @param firstBrokenSeq the first entry that was changed, removed or reordered, when the chain is broken
 * @param problem what is wrong with it, in a sentence an auditor can act on
 * @param anchor the anchor the chain was checked against, when one was given
 */
public record AuditReport(long entriesChecked, Optional<Long> firstBrokenSeq, String problem,
        Optional<AuditAnchor.Head> anchor) {

    /** A report of a check without an anchor. */
    public AuditReport(long entriesChecked, Optional<Long> firstBrokenSeq, String problem) {
        this(entriesChecked, firstBrokenSeq, problem, Optional.empty());
    }

    public boolean intact() {
        return firstBrokenSeq.isEmpty();
    }

    static AuditReport intact(long entries, Optional<AuditAnchor.Head> anchor) {
        return new AuditReport(entries, Optional.empty(), "chain intact: " + entries + " entries"
                + anchor.map(head -> ", entry " + head.seq() + " matches the anchor").orElse(""), anchor);
    }

    static AuditReport broken(long checked, long seq, String problem, Optional<AuditAnchor.Head> anchor) {
        return new AuditReport(checked, Optional.of(seq), "entry " + seq + ": " + problem, anchor);
    }

    /** The chain ends before the anchored entry: its tail was deleted or the database went back in time. */
    static AuditReport cut(long checked, long firstMissing, AuditAnchor.Head anchor) {
        String missing = firstMissing == anchor.seq() ? "entry " + firstMissing + " is"
                : "entries " + firstMissing + " to " + anchor.seq() + " are";
        return new AuditReport(checked, Optional.of(firstMissing), missing + " missing after the last anchor (seq "
                + anchor.seq() + " recorded " + anchor.recordedAt() + "): the log was cut or rolled back; restore it"
                + " from a backup and compare with the anchor held by the hub", Optional.of(anchor));
    }

    /** A chain that is consistent in itself but is not the one anchored: rebuilt or swapped for another. */
    static AuditReport replaced(long checked, AuditAnchor.Head anchor) {
        return new AuditReport(checked, Optional.of(anchor.seq()), "entry " + anchor.seq() + " does not match the"
                + " anchor: the log was replaced; restore it from a backup and compare with the anchor held by the hub",
                Optional.of(anchor));
    }
}
