package org.regionalexchange.node.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.regionalexchange.node.MovableClock;
import org.slf4j.LoggerFactory;

/**
 * What an operator reads about one link through an outage: one WARN when it starts failing (with the reason and the
 * next attempt), one when it is DOWN, a reminder every quarter of an hour while it keeps failing, one INFO when it is
 * back; nothing per attempt in between.
 */
class LinkLogTest {

    final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T10:00:00Z"));
    final HopHealth health = new HopHealth(clock, Duration.ofSeconds(15), Duration.ofSeconds(60));
    final LinkLog log = new LinkLog("KZ", health, clock);
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(LinkLog.class);

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void anOutageIsOneWarningWhenItStartsOneWhenDownAndOneInfoWhenBack() {
        up();
        assertThat(told()).containsExactly("INFO KZ: link to KG is UP");

        // The outbox retries each copy with its back-off, and the heartbeat every second: many attempts fail.
        for (int attempt = 1; attempt <= 40; attempt++) {
            fail("the hand-over of MSG-" + attempt, "Connection refused", Duration.ofSeconds(Math.min(30, attempt)));
        }
        assertThat(told()).hasSize(2);
        assertThat(told().get(1)).isEqualTo("WARN KZ: link to KG is failing: the hand-over of MSG-1 failed:"
                + " Connection refused; next attempt at 2026-12-03T10:00:01Z, messages for KG wait in the outbox"
                + " meanwhile");

        clock.move(Duration.ofSeconds(61));
        log.changed("KG", health.state("KG"), true, health.link("KG").lastSuccess());
        assertThat(told()).hasSize(3);
        assertThat(told().get(2)).isEqualTo("WARN KZ: link to KG is DOWN (nothing went through since"
                + " 2026-12-03T10:00:00Z); its messages, new and waiting, go through the hub until it is back");

        health.heartbeat("KG");
        log.changed("KG", health.state("KG"), false, health.link("KG").lastSuccess());
        assertThat(told()).hasSize(4);
        assertThat(told().get(3)).isEqualTo("INFO KZ: link to KG is UP again after 1m1s (attempts failed: 40);"
                + " what waited for it goes now");
        assertThat(lines.list).noneMatch(line -> line.getThrowableProxy() != null);
    }

    @Test
    void aLinkThatKeepsFailingIsRemindedOfEveryQuarterOfAnHourNotOnEveryAttempt() {
        up();
        for (int second = 0; second < 40 * 60; second += 5) {
            fail("the heartbeat", "Connection refused", Duration.ofSeconds(1));
            clock.move(Duration.ofSeconds(5));
            log.changed("KG", health.state("KG"), false, health.link("KG").lastSuccess());
        }

        assertThat(told()).hasSize(5);
        assertThat(told().get(1)).startsWith("WARN KZ: link to KG is failing: the heartbeat failed");
        assertThat(told().get(2)).startsWith("WARN KZ: link to KG is DOWN");
        assertThat(told().get(3)).startsWith("WARN KZ: link to KG still failing, since 2026-12-03T10:00:00Z (attempts failed: ");
        assertThat(told().get(4)).startsWith("WARN KZ: link to KG still failing");
    }

    @Test
    void aNeighbourThatStartsLaterIsNotAFailureWithinTheStartGrace() {
        for (int second = 0; second < 30; second++) {
            fail("the heartbeat", "Connection refused", Duration.ofSeconds(1));
            clock.move(Duration.ofSeconds(1));
            log.changed("KG", health.state("KG"), false, health.link("KG").lastSuccess());
        }
        up();
        assertThat(health.state("KG")).as("the failures are recent").isEqualTo(LinkState.DEGRADED);
        clock.move(Duration.ofSeconds(16));
        up();

        assertThat(told()).containsExactly("INFO KZ: link to KG is UP");
    }

    @Test
    void aNeighbourThatNeverCameIsWarnedOfOnceTheGraceIsOver() {
        for (int second = 0; second < 90; second++) {
            fail("the heartbeat", "Connection refused", Duration.ofSeconds(1));
            clock.move(Duration.ofSeconds(1));
            log.changed("KG", health.state("KG"), false, health.link("KG").lastSuccess());
        }

        assertThat(told()).containsExactly("WARN KZ: link to KG is failing: the heartbeat failed: Connection"
                + " refused; next attempt at 2026-12-03T10:01:02Z, messages for KG wait in the outbox meanwhile");
    }

    @Test
    void aPeerWhoseInboxIsFullIsNotBackWhileItsHeartbeatAnswers() {
        up();
        fail("the hand-over of MSG-1", "AMQ229102: Address is full", Duration.ofSeconds(1));
        clock.move(Duration.ofSeconds(1));
        health.heartbeat("KG");
        log.changed("KG", health.state("KG"), false, health.link("KG").lastSuccess());

        assertThat(health.state("KG")).isEqualTo(LinkState.DEGRADED);
        assertThat(told()).hasSize(2).last().asString().startsWith("WARN KZ: link to KG is failing");

        health.handedOver("KG");
        log.changed("KG", health.state("KG"), false, health.link("KG").lastSuccess());
        assertThat(told()).hasSize(3).last().asString().startsWith("INFO KZ: link to KG is UP again after 1s");
    }

    private void up() {
        health.heartbeat("KG");
        log.changed("KG", health.state("KG"), false, health.link("KG").lastSuccess());
    }

    private void fail(String attempt, String reason, Duration nextIn) {
        health.failed("KG");
        log.failed("KG", attempt, reason, nextIn);
    }

    private List<String> told() {
        return lines.list.stream().filter(line -> line.getLevel().isGreaterOrEqual(Level.INFO))
                .map(line -> line.getLevel() + " " + line.getFormattedMessage()).toList();
    }
}
