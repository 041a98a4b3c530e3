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
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.app.wiring.NodeRuntime;

/** CARICC, KZ, KG and TJ on loopback; KZ-KG is a direct link, KZ reaches TJ only through CARICC. */
class RoundTripIT {

    @TempDir
    static Path folder;

    static LocalRegion region;

    @BeforeAll
    static void startRegion() {
        region = new LocalRegion(folder, List.of("CARICC", "KZ", "KG", "TJ"), List.of(List.of("KZ", "KG")));
        List.of("CARICC", "KZ", "KG", "TJ").forEach(region::start);
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
    void messageWithoutADirectLinkIsRelayedByTheHubWhichCannotReadIt() {
        NodeRuntime kazakhstan = region.node("KZ");
        String messageId = kazakhstan.submit(Documents.seizureNotice(List.of("TJ")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kazakhstan.services().api().status(messageId))
                        .contains("\"nextHop\":\"CARICC\"").contains("\"status\":\"delivered\""));
        assertThat(region.node("TJ").services().api().inbox(null, null, null, "50")).contains(messageId)
                .contains("\"deliveringPeer\":\"CARICC\"");
        assertThat(region.node("CARICC").services().api().inbox(null, null, null, "50")).doesNotContain(messageId);
        assertThat(region.node("CARICC").services().api().audit()).contains("\"intact\":true");
    }

    @Test
    void aRedMessageToANamedMemberIsRelayedByTheHubUnreadAndARedMessageToRegionalIsRefusedAtSubmission() {
        NodeRuntime kazakhstan = region.node("KZ");
        org.regionalexchange.node.outbox.Submission amber = Documents.seizureNotice(List.of("TJ"));
        String messageId = kazakhstan.submit(red(amber));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kazakhstan.services().api().status(messageId))
                        .contains("\"nextHop\":\"CARICC\"").contains("\"status\":\"delivered\""));
        assertThat(region.node("TJ").services().received().find(messageId).orElseThrow().headerJson())
                .contains("\"handling\":\"RED\"");
        assertThat(region.node("CARICC").services().received().find(messageId)).isEmpty();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> kazakhstan.submit(red(Documents.seizureNotice(
                List.of("REGIONAL"))))).hasStackTraceContaining("TLP:RED goes only to recipients named in the header");
    }

    private static org.regionalexchange.node.outbox.Submission red(org.regionalexchange.node.outbox.Submission s) {
        return new org.regionalexchange.node.outbox.Submission(s.kind(), s.recipients(), "RED", s.document(),
                s.references(), s.expiresAt(), s.language(), s.status());
    }

    @Test
    void regionalMessageReachesTheHubAndTheNeighbour() {
        NodeRuntime kazakhstan = region.node("KZ");
        String messageId = kazakhstan.submit(Documents.seizureNotice(List.of("REGIONAL")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String status = kazakhstan.services().api().status(messageId);
            assertThat(status).contains("\"recipient\":\"CARICC\"").contains("\"recipient\":\"KG\"")
                    .contains("\"recipient\":\"TJ\"")
                    .doesNotContain("queued").doesNotContain("forwarded").doesNotContain("rejected");
        });
    }
}
