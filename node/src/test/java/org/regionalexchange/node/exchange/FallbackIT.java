package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.NodeSecurityManager;
import org.regionalexchange.node.broker.PeerConnections;
import org.regionalexchange.node.faults.TcpProxy;
import org.regionalexchange.node.outbox.HopCopy;
import org.regionalexchange.node.outbox.LinkState;
import org.regionalexchange.node.outbox.OutboxWriter;

/**
 * Neighbours KZ and KG with a direct link, and CARICC: when the direct link is down, KZ's messages for KG go through
 * CARICC, new ones and those already waiting, and go direct again once the link is back; with CARICC down the
 * neighbours keep their own link; a message that arrives by both paths is stored and dispatched once. KZ reaches
 * KG's broker through a proxy the test cuts and heals; the links are judged on a scale of seconds.
 */
class FallbackIT {

    static final ObjectMapper JSON = new ObjectMapper();
    /** From the cut until KZ's notices are at KG through CARICC: down-after, the outbox back-off and the relay. */
    static final Duration VIA_HUB_WITHIN = Duration.ofSeconds(45);

    @TempDir
    Path folder;

    LocalRegion region;
    TcpProxy kzToKg;
    int localPort;

    @AfterEach
    void stop() {
        if (region != null) {
            region.close();
        }
        if (kzToKg != null) {
            kzToKg.close();
        }
    }

    @Test
    void aCutNeighbourLinkFallsBackToTheHubAndComesBackDirect() throws Exception {
        startRegion(false);
        String before = region.node("KZ").submit(Documents.seizureNotice(List.of("KG")));
        awaitDelivered(before, "KG");

        kzToKg.cut();
        // Planned direct while the link does not look down yet: it waits in the outbox for KG, then is diverted.
        String waiting = region.node("KZ").submit(Documents.seizureNotice(List.of("KG")));
        await().atMost(Duration.ofSeconds(20)).until(() -> linkAtKz("KG") == LinkState.DOWN);
        // Planned through the hub from the start.
        String planned = region.node("KZ").submit(Documents.seizureNotice(List.of("KG")));

        await().atMost(VIA_HUB_WITHIN).untilAsserted(() -> {
            assertThat(recipientAtKz(waiting)).containsEntry("nextHop", "CARICC").containsEntry("status", "delivered");
            assertThat(recipientAtKz(planned)).containsEntry("nextHop", "CARICC").containsEntry("status", "delivered");
        });
        assertThat(deliveringPeerAtKg(waiting)).isEqualTo("CARICC");
        assertThat(deliveringPeerAtKg(planned)).isEqualTo("CARICC");
        assertThat(NodeStores.count(region.node("KZ"),
                "SELECT COUNT(*) FROM audit_log WHERE message_id = ? AND decision = 'DIVERTED'"
                + " AND peer = 'CARICC'", waiting)).isEqualTo(1);
        assertThat(NodeStores.count(region.node("KZ"),
                "SELECT COUNT(*) FROM audit_log WHERE message_id = ? AND decision = 'SENT'"
                + " AND peer = 'CARICC'", planned)).isEqualTo(1);
        assertThat(region.node("KZ").broker().depth(BrokerAddresses.outbox("KG"))).isZero();

        kzToKg.heal();
        await().atMost(Duration.ofSeconds(20)).until(() -> linkAtKz("KG") == LinkState.UP);
        String after = region.node("KZ").submit(Documents.seizureNotice(List.of("KG")));
        awaitDelivered(after, "KG");
        assertThat(deliveringPeerAtKg(after)).isEqualTo("KZ");

        assertThat(Documents.inboxIds(region.node("KG").services().api().inbox("seizure-notice", null, null, "50")))
                .containsExactlyInAnyOrder(before, waiting, planned, after);
        assertThat(region.node("KZ").services().api().audit()).contains("\"intact\":true");
    }

    @Test
    void withTheHubStoppedNeighboursKeepTheirDirectLink() throws Exception {
        startRegion(false);
        region.stop("CARICC");
        await().atMost(Duration.ofSeconds(20)).until(() -> linkAtKz("CARICC") == LinkState.DOWN);

        String fromKz = region.node("KZ").submit(Documents.seizureNotice(List.of("KG")));
        String fromKg = region.node("KG").submit(Documents.seizureNotice(List.of("KZ")));

        awaitDelivered(fromKz, "KG");
        assertThat(deliveringPeerAtKg(fromKz)).isEqualTo("KZ");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                recipient(region.node("KG").services().api().status(fromKg), "KZ"))
                .containsEntry("nextHop", "KZ").containsEntry("status", "delivered"));
    }

    @Test
    void aMessageArrivingByBothPathsIsStoredAndDispatchedOnce() throws Exception {
        startRegion(true);
        try (Connection subscriber = PeerConnections.local("127.0.0.1", localPort, region.pki().truststore(),
                region.pki().password()).createConnection("KG-SYSTEM", "system-secret")) {
            Session session = subscriber.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer dispatch = session.createConsumer(session.createTopic(BrokerAddresses.LOCAL_DISPATCH),
                    "rxKind = 'seizure-notice'");
            subscriber.start();

            String messageId = region.node("KZ").submit(Documents.seizureNotice(List.of("KG")));
            awaitDelivered(messageId, "KG");
            await().atMost(Duration.ofSeconds(30)).until(() -> NodeStores.receiptsFor(region.node("KZ"),
                    messageId) == 1);

            // The copy went direct just before the cut; its resend, queued for the direct link, meets the cut and
            // travels through CARICC instead.
            kzToKg.cut();
            await().atMost(Duration.ofSeconds(20)).until(() -> linkAtKz("KG") == LinkState.DOWN);
            new OutboxWriter(region.node("KZ").services().internalFactory()).enqueueCopies(List.of(
                    new HopCopy("KG", messageId, "KZ", List.of("KG"), NodeStores.sealed(region.node("KZ"),
                            messageId), 1)));

            await().atMost(VIA_HUB_WITHIN).until(() -> NodeStores.receiptsFor(region.node("KZ"), messageId) == 2);
            assertThat(NodeStores.count(region.node("KZ"),
                    "SELECT COUNT(*) FROM audit_log WHERE message_id = ? AND decision = 'DIVERTED'",
                    messageId)).isEqualTo(1);
            assertThat(NodeStores.count(region.node("CARICC"),
                    "SELECT COUNT(*) FROM audit_log WHERE message_id = ? AND decision = 'RELAYED'",
                    messageId)).isEqualTo(1);
            assertThat(NodeStores.count(region.node("KG"),
                    "SELECT COUNT(*) FROM audit_log WHERE message_id = ? AND decision = 'DUPLICATE'"
                    + " AND peer = 'CARICC'", messageId)).isEqualTo(1);
            assertThat(NodeStores.count(region.node("KG"),
                    "SELECT COUNT(*) FROM received_message WHERE message_id = ?", messageId))
                    .isEqualTo(1);
            assertThat(deliveringPeerAtKg(messageId)).as("the record of the first copy stands").isEqualTo("KZ");
            assertThat(Documents.inboxIds(region.node("KG").services().api().inbox("seizure-notice", null, null,
                    "50"))).containsExactly(messageId);
            assertThat(NodeStores.dispatchedIds(dispatch)).containsExactly(messageId);
            assertThat(recipientAtKz(messageId)).containsEntry("status", "delivered");
        }
    }

    /**
     * CARICC, KG and KZ (started last, so its first heartbeats find the others up), KZ-KG a direct link that KZ
     * reaches through the proxy; links judged on seconds: heartbeat every 1 s, UP within 4 s, DOWN after 8 s.
     */
    private void startRegion(boolean kgLocalAcceptor) throws Exception {
        region = new LocalRegion(folder, List.of("CARICC", "KZ", "KG"), List.of(List.of("KZ", "KG")));
        for (String node : List.of("CARICC", "KZ", "KG")) {
            region.set(node, "node.links.heartbeat-every", "PT1S");
            region.set(node, "node.links.up-within", "PT4S");
            region.set(node, "node.links.down-after", "PT8S");
        }
        kzToKg = new TcpProxy(region.peerPort("KG"));
        region.set("KZ", "node.peer.kg.url", "tcp://127.0.0.1:" + kzToKg.port());
        if (kgLocalAcceptor) {
            localPort = LocalRegion.freeLoopbackPort();
            Path users = Files.writeString(folder.resolve("kg-users.properties"),
                    "KG-SYSTEM=" + NodeSecurityManager.digest("system-secret") + "\n");
            region.set("KG", "node.broker.local-port", Integer.toString(localPort));
            region.set("KG", "node.broker.local-users-file", users.toString());
        }
        List.of("CARICC", "KG", "KZ").forEach(region::start);
        await().atMost(Duration.ofSeconds(20)).until(() -> linkAtKz("KG") == LinkState.UP
                && linkAtKz("CARICC") == LinkState.UP);
    }

    private LinkState linkAtKz(String peer) {
        return region.node("KZ").services().hops().state(peer);
    }

    private void awaitDelivered(String messageId, String nextHop) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recipientAtKz(messageId))
                .containsEntry("nextHop", nextHop).containsEntry("status", "delivered"));
    }

    /** KZ's status of its message for KG, as the API gives it. */
    private Map<String, String> recipientAtKz(String messageId) throws Exception {
        return recipient(region.node("KZ").services().api().status(messageId), "KG");
    }

    private static Map<String, String> recipient(String statusJson, String recipient) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonNode row : JSON.readTree(statusJson).path("recipients")) {
            if (row.path("recipient").asText().equals(recipient)) {
                row.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
            }
        }
        return fields;
    }

    private String deliveringPeerAtKg(String messageId) throws Exception {
        for (JsonNode item : JSON.readTree(region.node("KG").services().api().inbox("seizure-notice", null, null,
                "50"))) {
            if (item.path("messageId").asText().equals(messageId)) {
                return item.path("deliveringPeer").asText();
            }
        }
        return null;
    }
}
