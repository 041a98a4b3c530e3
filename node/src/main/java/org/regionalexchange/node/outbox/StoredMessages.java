package org.regionalexchange.node.outbox;

import java.util.Optional;
import org.regionalexchange.node.rules.KnownMessages;
import org.regionalexchange.node.store.ReceivedMessages;
import org.regionalexchange.node.store.SentMessages;

/**
 * The store as the rules see it: a message this node sent (under its own id as sender) or received (under the
 * sender its signature proved). Shared by submission and the inbox, so both judge a reference alike.
 */
public final class StoredMessages implements KnownMessages {

    private final String self;
    private final SentMessages sent;
    private final ReceivedMessages received;

    public StoredMessages(String self, SentMessages sent, ReceivedMessages received) {
        this.self = self;
        this.sent = sent;
        this.received = received;
    }

    @Override
    public Optional<Known> find(String messageId) {
        return sent.kind(messageId).map(kind -> new Known(kind, self))
                .or(() -> received.find(messageId).map(message -> new Known(message.kind(), message.sender())));
    }
}
