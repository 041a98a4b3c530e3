package org.regionalexchange.node.inbox;

import java.util.List;
import org.regionalexchange.node.audit.AuditEntry;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.outbox.HopCopy;

/** The audit side of inbound handling: one entry per relay hop, acceptance, duplicate or rejection. */
public final class InboundLedger {

    private final AuditLog audit;

    public InboundLedger(AuditLog audit) {
        this.audit = audit;
    }

    public void relayed(Incoming incoming, List<HopCopy> copies) {
        String digest = AuditEntry.sha256(incoming.wire());
        copies.forEach(copy -> audit.append(incoming.messageId(), digest, copy.hop(), Decision.RELAYED));
    }

    public void decided(Incoming incoming, String messageId, Decision decision) {
        audit.append(messageId == null || messageId.isBlank() ? "unknown" : messageId,
                AuditEntry.sha256(incoming.wire()), incoming.peer(), decision);
    }
}
