package org.regionalexchange.schemas;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of document a message can carry; {@link #id()} is the header's {@code kind} and the schema's name. */
public enum MessageKind {
    SEIZURE_NOTICE("seizure-notice"),
    LIST_ENTRY("list-entry"),
    EARLY_WARNING("early-warning"),
    PRE_ARRIVAL_WARNING("pre-arrival-warning"),
    OUTCOME_REPORT("outcome-report"),
    RECEIPT("receipt"),
    AUDIT_CHECKPOINT("audit-checkpoint"),
    MEMBER_DIRECTORY("member-directory");

    private final String id;

    MessageKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * Whether a receipt's {@code supports} may name the kind: the document kinds of the first release, which receipt
     * 1-1-0 lists. The member directory is not declared: every member reads the directories its hub publishes.
     */
    public boolean declaredInReceipts() {
        return this != MEMBER_DIRECTORY;
    }

    public static MessageKind fromId(String id) {
        for (MessageKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + id + "': use one of "
                + Arrays.stream(values()).map(MessageKind::id).collect(Collectors.joining(", ")));
    }
}
