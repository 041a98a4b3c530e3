package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.regionalexchange.node.app.wiring.NodeRuntime;
import org.regionalexchange.node.broker.MessageProperties;

/** What the multi-node tests read straight from a running node's store and its local subscribers. */
final class NodeStores {

    private NodeStores() {}

    /** The receipts a sender holds for one of its messages. */
    static long receiptsFor(NodeRuntime sender, String messageId) throws SQLException {
        return count(sender, "SELECT COUNT(*) FROM received_message WHERE kind = 'receipt' AND document_json LIKE ?",
                "%" + messageId + "%");
    }

    /** The sealed bytes a sender keeps of one of its messages. */
    static byte[] sealed(NodeRuntime sender, String messageId) throws SQLException {
        try (Connection connection = sender.services().database().connection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT wire FROM sent_message WHERE message_id = ?")) {
            query.setString(1, messageId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getBytes(1);
            }
        }
    }

    /** A {@code SELECT COUNT(*)} with one parameter. */
    static long count(NodeRuntime node, String sql, String parameter) throws SQLException {
        try (Connection connection = node.services().database().connection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Everything the subscriber is given until nothing more comes for two seconds. */
    static List<String> dispatchedIds(MessageConsumer dispatch) throws JMSException {
        List<String> ids = new ArrayList<>();
        for (Message message; (message = dispatch.receive(2_000)) != null; ) {
            ids.add(message.getStringProperty(MessageProperties.MESSAGE_ID));
        }
        return ids;
    }
}
