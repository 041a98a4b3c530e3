package org.regionalexchange.node.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.MovableClock;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.routing.NextHopResolver;
import org.regionalexchange.node.store.DeliveryStatus;
import org.regionalexchange.node.store.NodeDatabase;
import org.regionalexchange.node.store.RecipientStatus;
import org.regionalexchange.node.store.SentMessages;

/** When a missing receipt makes KZ resend, and when it waits: on a real H2 store, with the outbox faked. */
class ReceiptWatchTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path folder;

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T10:00:00Z"));
    final List<HopCopy> queued = new ArrayList<>();
    final HopHealth hops = new HopHealth(clock);
    NodeDatabase database;
    SentMessages sent;
    ReceiptWatch watch;

    @BeforeEach
    void open() {
        database = NodeDatabase.open("jdbc:h2:file:" + folder.resolve("kz"), "node", new char[0]);
        sent = new SentMessages(database, clock);
        watch = new ReceiptWatch("KZ", sent, new NextHopResolver("KZ", "CARICC", List.of("CARICC", "KZ", "KG"),
                List.of("KG", "CARICC")), queued::addAll, new AuditLog(database, clock), hops, WAIT,
                Duration.ofMinutes(10), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aSilentRecipientGetsTheSameSealedMessageAgainAfterTheReceiptWait() {
        send("m-1", null);
        clock.move(WAIT.plusSeconds(1));

        assertThat(watch.resendOverdue()).isEqualTo(1);

        assertThat(queued).singleElement().satisfies(copy -> {
            assertThat(copy.messageId()).isEqualTo("m-1");
            assertThat(copy.hop()).isEqualTo("KG");
            assertThat(copy.resend()).isEqualTo(1);
            assertThat(new String(copy.wire(), StandardCharsets.UTF_8)).isEqualTo("sealed m-1");
        });
        RecipientStatus status = sent.statusOf("m-1").get(0);
        assertThat(status.status()).isEqualTo(DeliveryStatus.FORWARDED);
        assertThat(status.resends()).isEqualTo(1);
        assertThat(status.lastError()).contains("no receipt in time");
    }

    @Test
    void nothingIsResentBeforeTheReceiptWaitHasPassed() {
        send("m-1", null);
        clock.move(WAIT.minusSeconds(1));

        assertThat(watch.resendOverdue()).isZero();
        assertThat(queued).isEmpty();
    }

    @Test
    void aRecipientWorkingThroughABacklogIsLeftToIt() {
        send("m-0", null);
        send("m-1", null);
        clock.move(WAIT.plusSeconds(1));
        sent.advance("m-0", "KG", DeliveryStatus.DELIVERED, null);

        assertThat(watch.resendOverdue()).isZero();
        assertThat(queued).isEmpty();
        assertThat(sent.statusOf("m-1").get(0).resends()).isZero();
    }

    @Test
    void aMessageOvertakenByALaterConfirmedOneIsResent() {
        send("m-1", null);
        clock.move(Duration.ofSeconds(5));
        send("m-2", null);
        clock.move(WAIT);
        sent.advance("m-2", "KG", DeliveryStatus.DELIVERED, null);

        assertThat(watch.resendOverdue()).isEqualTo(1);
        assertThat(queued).extracting(HopCopy::messageId).containsExactly("m-1");
    }

    @Test
    void aResendForANeighbourWhoseLinkIsDownGoesThroughTheHub() {
        ReceiptWatch fallingBack = new ReceiptWatch("KZ", sent, new NextHopResolver("KZ", "CARICC",
                List.of("CARICC", "KZ", "KG"), List.of("KG", "CARICC"), hops::isUsable), queued::addAll,
                new AuditLog(database, clock), hops, WAIT, Duration.ofMinutes(10), clock);
        // KG never answered since the start, for longer than down-after (60 s): its link is down.
        clock.move(HopHealth.DEFAULT_DOWN_AFTER.plusSeconds(1));
        send("m-1", null);
        hops.failed("KG");
        hops.heartbeat("CARICC");
        clock.move(WAIT.plusSeconds(1));

        assertThat(fallingBack.resendOverdue()).isEqualTo(1);

        assertThat(queued).singleElement().satisfies(copy -> {
            assertThat(copy.hop()).isEqualTo("CARICC");
            assertThat(copy.deliverTo()).containsExactly("KG");
            assertThat(copy.resend()).isEqualTo(1);
        });
    }

    @Test
    void noResendGoesThroughAHopThatTakesNothing() {
        send("m-1", null);
        clock.move(WAIT.plusSeconds(1));
        hops.failed("KG");

        assertThat(watch.resendOverdue()).isZero();
        hops.handedOver("KG");
        clock.move(WAIT);
        assertThat(watch.resendOverdue()).isEqualTo(1);
    }

    @Test
    void anExpiredMessageIsGivenUpWithTheReasonInItsStatus() {
        send("m-1", clock.instant().plusSeconds(10));
        clock.move(WAIT.plusSeconds(1));

        assertThat(watch.resendOverdue()).isZero();
        assertThat(queued).isEmpty();
        assertThat(sent.statusOf("m-1").get(0).lastError()).contains("no receipt before it expired");
        clock.move(Duration.ofHours(1));
        assertThat(sent.unconfirmed(10)).isEmpty();
    }

    @Test
    void theWaitBetweenResendsDoublesUpToTheCeiling() {
        assertThat(watch.backoff(1)).isEqualTo(Duration.ofSeconds(40));
        assertThat(watch.backoff(3)).isEqualTo(Duration.ofSeconds(160));
        assertThat(watch.backoff(30)).isEqualTo(Duration.ofMinutes(10));
    }

    private void send(String messageId, Instant expiresAt) {
        sent.record(new SentMessages.Sent(messageId, "seizure-notice", clock.instant(), expiresAt, "AMBER", "{}",
                "a".repeat(64), Map.of("KG", "KG"), ("sealed " + messageId).getBytes(StandardCharsets.UTF_8)));
        sent.forwarded(messageId, "KG", clock.instant().plus(WAIT));
    }
}
