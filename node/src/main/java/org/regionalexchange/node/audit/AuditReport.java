package org.regionalexchange.node.audit;

import java.util.Optional;

/**
 * The result of checking the chain.
 *
 * @param firstBrokenSeq the first entry that was changed, removed or reordered, when the chain is broken
 * @param problem what is wrong with it, in a sentence an auditor can act on
 */
public record AuditReport(long entriesChecked, Optional<Long> firstBrokenSeq, String problem) {

    public boolean intact() {
        return firstBrokenSeq.isEmpty();
    }

    static AuditReport intact(long entries) {
        return new AuditReport(entries, Optional.empty(), "chain intact: " + entries + " entries");
    }

    static AuditReport broken(long checked, long seq, String problem) {
        return new AuditReport(checked, Optional.of(seq), "entry " + seq + ": " + problem);
    }
}
