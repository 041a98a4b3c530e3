package org.regionalexchange.node.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.regionalexchange.node.store.QuarantineStore;

/** One peer's rejections of one reason in one hour that were counted, not kept (see the quarantine's budget). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuarantineRepeat(String deliveringPeer, String reasonCode, String hourStart, long repeats,
        String firstMessageId, String lastMessageId, String firstAt, String lastAt) {

    static QuarantineRepeat of(QuarantineStore.Repeats repeats) {
        return new QuarantineRepeat(repeats.deliveringPeer(), repeats.reasonCode(), repeats.hourStart().toString(),
                repeats.repeats(), repeats.firstMessageId(), repeats.lastMessageId(), repeats.firstAt().toString(),
                repeats.lastAt().toString());
    }
}
