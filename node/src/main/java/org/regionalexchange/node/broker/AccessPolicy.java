package org.regionalexchange.node.broker;

import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;

/**
 * Who may do what on this node's broker. Peers may only send to the inbox; local subscribers may read the
 * dispatch address and submit; only the node's own in-VM client may do anything else.
 */
public enum AccessPolicy {
    INTERNAL {
        @Override
        boolean permits(CheckType check, String address) {
            return true;
        }
    },
    PEER {
        @Override
        boolean permits(CheckType check, String address) {
            return check == CheckType.SEND && BrokerAddresses.INBOX.equals(address);
        }
    },
    LOCAL {
        private static final Set<CheckType> SUBSCRIBE = Set.of(CheckType.CONSUME,
                CheckType.CREATE_NON_DURABLE_QUEUE, CheckType.DELETE_NON_DURABLE_QUEUE,
                CheckType.CREATE_DURABLE_QUEUE, CheckType.DELETE_DURABLE_QUEUE);

        @Override
        boolean permits(CheckType check, String address) {
            String plain = address.contains("::") ? address.substring(0, address.indexOf("::")) : address;
            return (SUBSCRIBE.contains(check) && plain.equals(BrokerAddresses.LOCAL_DISPATCH))
                    || (check == CheckType.SEND && plain.equals(BrokerAddresses.LOCAL_SUBMIT));
        }
    };

    abstract boolean permits(CheckType check, String address);

    /** The acceptor security domain that admits clients under this policy. */
    String domain() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
