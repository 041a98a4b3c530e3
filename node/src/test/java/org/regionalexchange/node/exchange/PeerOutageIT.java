package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.broker.BrokerAddresses;

/** Store-and-forward: a peer that is down, and a sender that restarts, lose nothing and double nothing. */
class PeerOutageIT {

    @TempDir
    Path folder;

    LocalRegion region;

    @AfterEach
    void stop() {
        region.close();
    }

    @Test
    void messagesWaitInTheOutboxWhileThePeerIsDownAndArriveOnceWhenItIsBack() {
        region = new LocalRegion(folder, List.of("KZ", "KG"), List.of(List.of("KZ", "KG")));
        region.start("KZ");
        String messageId = region.node("KZ").submit(Documents.seizureNotice(List.of("KG")));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(region.node("KZ").services().api().status(messageId)).contains("\"status\":\"queued\"");
            assertThat(region.node("KZ").broker().depth(BrokerAddresses.outbox("KG"))).isEqualTo(1);
        });

        region.start("KG");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                region.node("KZ").services().api().status(messageId)).contains("\"status\":\"delivered\""));
        assertThat(Documents.inboxIds(region.node("KG").services().api().inbox("seizure-notice", null, null, "50")))
                .containsExactly(messageId);
        assertThat(region.node("KZ").broker().depth(BrokerAddresses.outbox("KG"))).isZero();
    }

    @Test
    void aSenderRestartedWithAFullOutboxDeliversEveryMessageExactlyOnce() {
        region = new LocalRegion(folder, List.of("KZ", "KG"), List.of(List.of("KZ", "KG")));
        region.start("KZ");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(region.node("KZ").submit(Documents.seizureNotice(List.of("KG"))));
        }
        // A copy the delivery route is retrying is briefly outside the queue's count, so wait for all five.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                region.node("KZ").broker().depth(BrokerAddresses.outbox("KG"))).isEqualTo(5));

        region.stop("KZ");
        region.start("KZ");
        region.start("KG");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String messageId : sent) {
                assertThat(region.node("KZ").services().api().status(messageId))
                        .contains("\"status\":\"delivered\"");
            }
        });
        assertThat(Documents.inboxIds(region.node("KG").services().api().inbox("seizure-notice", null, null, "100")))
                .containsExactlyInAnyOrderElementsOf(sent);
        assertThat(region.node("KZ").services().api().audit()).contains("\"intact\":true");
    }
}
