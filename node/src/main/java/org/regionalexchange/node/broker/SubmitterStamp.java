package org.regionalexchange.node.broker;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Stamps every request sent to {@code local.submit} with the login the broker authenticated it under
 * ({@link MessageProperties#SUBMITTER}), whatever the client put in that property and whatever protocol it came over (AMQP 1.0 keeps
 * no validated user of its own through the conversion): the node decides what a submitter may send by this stamp.
 */
final class SubmitterStamp implements ActiveMQServerMessagePlugin {

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
            boolean noAutoCreateQueue) {
        if (!BrokerAddresses.LOCAL_SUBMIT.equals(message.getAddress())) {
            return;
        }
        String user = session == null ? null : session.getValidatedUser();
        if (user == null) {
            user = session == null ? null : session.getUsername();
        }
        message.removeProperty(MessageProperties.SUBMITTER);
        if (user != null) {
            message.putStringProperty(MessageProperties.SUBMITTER, user);
        }
    }
}
