package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.app.Documents;
import org.regionalexchange.node.app.NodeRuntime;
import org.regionalexchange.node.app.LocalRegion;
import org.regionalexchange.node.store.DeliveryStatus;
import org.regionalexchange.node.store.RecipientStatus;

/** KZ, KG and CARICC on loopback; KZ-KG is a direct link, TJ would go through CARICC. */
class RoundTripIT {

    @TempDir
    static Path folder;

    static LocalRegion region;

    @BeforeAll
    static void startRegion() {
        region = new LocalRegion(folder, List.of("CARICC", "KZ", "KG"), List.of(List.of("KZ", "KG")));
        region.start("CARICC");
        region.start("KZ");
        region.start("KG");
    }

    @AfterAll
    static void stopRegion() {
        region.close();
    }

    @Test
    void directMessageIsDeliveredAndReceiptedBack() {
        NodeRuntime kazakhstan = region.node("KZ");
        String messageId = kazakhstan.submit(Documents.seizureNotice(List.of("KG")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kazakhstan.services().api().status(messageId)).contains("\"status\":\"delivered\""));
        assertThat(region.node("KG").services().api().inbox("seizure-notice", null, null, "10"))
                .contains(messageId).contains("alpha-PVP");
    }

    @Test
    void regionalMessageReachesTheHubAndTheNeighbour() {
        NodeRuntime kazakhstan = region.node("KZ");
        String messageId = kazakhstan.submit(Documents.seizureNotice(List.of("REGIONAL")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String status = kazakhstan.services().api().status(messageId);
            assertThat(status).contains("\"recipient\":\"CARICC\"").contains("\"recipient\":\"KG\"")
                    .doesNotContain("queued").doesNotContain("forwarded").doesNotContain("rejected");
        });
    }
}
