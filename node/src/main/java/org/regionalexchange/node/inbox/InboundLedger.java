package org.regionalexchange.node.inbox;

import java.util.List;
import org.regionalexchange.node.audit.AuditEntry;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.outbox.HopCopy;
import org.regionalexchange.node.store.QuarantineStore;

/** The audit side of inbound handling that is not acceptance: one entry per relay hop, and rejections. */
public final class InboundLedger {

    private final AuditLog audit;

    public InboundLedger(AuditLog audit) {
        this.audit = audit;
    }

    public void relayed(Incoming incoming, List<HopCopy> copies) {
        String digest = AuditEntry.sha256(incoming.wire());
        copies.forEach(copy -> audit.append(incoming.messageId(), digest, copy.hop(), Decision.RELAYED));
    }

    /** Quarantines a rejected message and records the rejection in one transaction. */
    public void rejected(Incoming incoming, String messageId, QuarantineStore quarantine,
            QuarantineStore.Quarantined entry) {
        audit.inTransaction("quarantining message " + auditId(messageId), (connection, entries) -> {
            quarantine.put(connection, entry);
            entries.append(auditId(messageId), AuditEntry.sha256(incoming.wire()), incoming.peer(), Decision.REJECTED);
            return null;
        });
    }

    private static String auditId(String messageId) {
        return messageId == null || messageId.isBlank() ? "unknown" : messageId;
    }
}
