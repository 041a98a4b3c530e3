package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.NodeSecurityManager;
import org.regionalexchange.node.broker.PeerConnections;

/**
 * A copy of a message the receiver already stored (a resend after a lost receipt, the same message by a second path)
 * is answered with a receipt again, so the sender's status heals, and is not given to local subscribers twice.
 */
class RepeatedCopyIT {

    @TempDir
    Path folder;

    LocalRegion region;

    @AfterEach
    void stop() {
        region.close();
    }

    @Test
    void everyCopyOfAStoredMessageIsAnsweredButDispatchedOnce() throws Exception {
        region = new LocalRegion(folder, List.of("KZ", "KG"), List.of(List.of("KZ", "KG")));
        int localPort = LocalRegion.freeLoopbackPort();
        Path users = Files.writeString(folder.resolve("kg-users.properties"),
                "KG-SYSTEM=" + NodeSecurityManager.digest("system-secret") + "\n");
        region.set("KG", "node.broker.local-port", Integer.toString(localPort));
        region.set("KG", "node.broker.local-users-file", users.toString());
        region.start("KZ");
        region.start("KG");

        try (Connection subscriber = PeerConnections.local("127.0.0.1", localPort, region.pki().truststore(),
                region.pki().password()).createConnection("KG-SYSTEM", "system-secret")) {
            Session session = subscriber.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer dispatch = session.createConsumer(session.createTopic(BrokerAddresses.LOCAL_DISPATCH),
                    "rxKind = 'seizure-notice'");
            subscriber.start();

            String messageId = region.node("KZ").submit(Documents.seizureNotice(List.of("KG")));
            await().atMost(Duration.ofSeconds(30)).until(() -> NodeStores.receiptsFor(region.node("KZ"),
                    messageId) == 1);

            Injector sameSender = new Injector(region, "KZ");
            byte[] sealed = NodeStores.sealed(region.node("KZ"), messageId);
            sameSender.deliver(sealed, messageId, "KG");
            sameSender.deliver(sealed, messageId, "KG");

            await().atMost(Duration.ofSeconds(30)).until(() -> NodeStores.receiptsFor(region.node("KZ"),
                    messageId) == 3);
            assertThat(NodeStores.count(region.node("KG"),
                    "SELECT COUNT(*) FROM audit_log WHERE message_id = ? AND decision = 'DUPLICATE'",
                    messageId)).isEqualTo(2);
            assertThat(NodeStores.count(region.node("KG"),
                    "SELECT COUNT(*) FROM received_message WHERE message_id = ?", messageId))
                    .isEqualTo(1);
            assertThat(region.node("KZ").services().api().status(messageId)).contains("\"status\":\"delivered\"");
            assertThat(NodeStores.dispatchedIds(dispatch)).containsExactly(messageId);
        }
    }
}
