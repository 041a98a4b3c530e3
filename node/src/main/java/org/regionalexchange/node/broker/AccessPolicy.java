package org.regionalexchange.node.broker;

import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;

/**
 * Who may do what on this node's broker. A peer may only send to its own inbox (its validated node id names it);
 * local subscribers may read the dispatch address and submit; a registered customs unit may read its own queue and
 * submit; only the node's own in-VM client may do anything else.
 */
public enum AccessPolicy {
    INTERNAL {
        @Override
        boolean permits(CheckType check, String address, String user) {
            return true;
        }
    },
    PEER {
        @Override
        boolean permits(CheckType check, String address, String user) {
            return check == CheckType.SEND && user != null && BrokerAddresses.inbox(user).equals(address);
        }
    },
    LOCAL {
        private static final Set<CheckType> SUBSCRIBE = Set.of(CheckType.CONSUME,
                CheckType.CREATE_NON_DURABLE_QUEUE, CheckType.DELETE_NON_DURABLE_QUEUE,
                CheckType.CREATE_DURABLE_QUEUE, CheckType.DELETE_DURABLE_QUEUE);

        @Override
        boolean permits(CheckType check, String address, String user) {
            String plain = address.contains("::") ? address.substring(0, address.indexOf("::")) : address;
            return (SUBSCRIBE.contains(check) && plain.equals(BrokerAddresses.LOCAL_DISPATCH))
                    || (check == CheckType.SEND && plain.equals(BrokerAddresses.LOCAL_SUBMIT));
        }
    },
    /** A registered customs unit: reads its own queue, and hands in outcome reports. */
    UNIT {
        private static final Set<CheckType> READ = Set.of(CheckType.CONSUME, CheckType.BROWSE);

        @Override
        boolean permits(CheckType check, String address, String user) {
            String plain = address.contains("::") ? address.substring(0, address.indexOf("::")) : address;
            return (READ.contains(check) && user != null && plain.equals(BrokerAddresses.unit(user)))
                    || (check == CheckType.SEND && plain.equals(BrokerAddresses.LOCAL_SUBMIT));
        }

        @Override
        String domain() {
            return LOCAL.domain();
        }
    };

    /** @param user the authenticated user: for a peer, its node id */
    abstract boolean permits(CheckType check, String address, String user);

    /** The acceptor security domain that admits clients under this policy. */
    String domain() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
