package org.regionalexchange.node.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.regionalexchange.node.MovableClock;

/** A link's state from its hand-overs, heartbeats and failures, on a clock the test moves. */
class HopHealthTest {

    final MovableClock clock = new MovableClock(
            Instant.parse("2026-12-03T10:00:00Z"));
    final HopHealth links = new HopHealth(clock, Duration.ofSeconds(15), Duration.ofSeconds(60));

    @Test
    void aLinkNeverTriedSinceTheStartIsDownWithNoLastSuccess() {
        HopHealth.Link link = links.link("KG");

        assertThat(link.state()).isEqualTo(LinkState.DOWN);
        assertThat(link.lastSuccess()).isEmpty();
        assertThat(link.lastHandOver()).isEmpty();
    }

    @Test
    void aRecentHandOverOrHeartbeatIsUpAndAgesThroughDegradedToDown() {
        links.handedOver("KG");
        Instant handOver = clock.instant();
        assertThat(links.state("KG")).isEqualTo(LinkState.UP);

        clock.move(Duration.ofSeconds(16));
        assertThat(links.state("KG")).as("nothing went through for longer than up-within").isEqualTo(
                LinkState.DEGRADED);

        clock.move(Duration.ofSeconds(45));
        HopHealth.Link link = links.link("KG");
        assertThat(link.state()).isEqualTo(LinkState.DOWN);
        assertThat(link.lastHandOver()).contains(handOver);

        links.heartbeat("KG");
        assertThat(links.link("KG").state()).isEqualTo(LinkState.UP);
        assertThat(links.link("KG").lastHandOver()).as("a heartbeat is not a hand-over").contains(handOver);
        assertThat(links.link("KG").lastSuccess()).contains(clock.instant());
    }

    @Test
    void aFailureAfterTheLastSuccessDegradesTheLinkAtOnceAndStallsTheHop() {
        links.handedOver("KG");
        clock.move(Duration.ofSeconds(1));
        links.failed("KG");

        assertThat(links.state("KG")).isEqualTo(LinkState.DEGRADED);
        assertThat(links.isStalled("KG")).isTrue();

        clock.move(Duration.ofSeconds(1));
        links.handedOver("KG");
        assertThat(links.state("KG")).isEqualTo(LinkState.UP);
        assertThat(links.isStalled("KG")).isFalse();
    }

    @Test
    void aHeartbeatDoesNotClearARecentFailedHandOverUntilItAges() {
        links.handedOver("KG");
        clock.move(Duration.ofSeconds(1));
        links.failed("KG");
        clock.move(Duration.ofSeconds(1));
        links.heartbeat("KG");

        assertThat(links.state("KG")).as("the peer answers but did not take the last hand-over: its inbox may be"
                + " full").isEqualTo(LinkState.DEGRADED);
        assertThat(links.isStalled("KG")).as("a heartbeat is not a hand-over").isTrue();

        clock.move(Duration.ofSeconds(15));
        links.heartbeat("KG");
        assertThat(links.state("KG")).as("no failure within up-within any more").isEqualTo(LinkState.UP);
    }

    @Test
    void linksAreJudgedApart() {
        links.handedOver("KG");
        links.failed("CARICC");

        assertThat(links.state("KG")).isEqualTo(LinkState.UP);
        assertThat(links.state("CARICC")).isEqualTo(LinkState.DOWN);
    }

    @Test
    void refusesADownAfterShorterThanUpWithin() {
        assertThatThrownBy(() -> new HopHealth(clock, Duration.ofSeconds(30), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT10S");
    }

    @Test
    void aLinkIsUsableUntilItIsDownAndAgainOnceSomethingGoesThroughAndANewLinkHasDownAfterToComeUp() {
        assertThat(links.isUsable("KG")).as("not tried yet").isTrue();

        links.failed("KG");
        assertThat(links.isUsable("KG")).as("refused at the start: a neighbour starting later gets down-after")
                .isTrue();
        clock.move(Duration.ofSeconds(61));
        assertThat(links.isUsable("KG")).as("refused, with no success for down-after since the start").isFalse();

        links.heartbeat("KG");
        assertThat(links.isUsable("KG")).isTrue();

        links.failed("KG");
        clock.move(Duration.ofSeconds(30));
        assertThat(links.state("KG")).isEqualTo(LinkState.DEGRADED);
        assertThat(links.isUsable("KG")).as("degraded is not down: its copies still wait for it").isTrue();

        clock.move(Duration.ofSeconds(31));
        assertThat(links.isUsable("KG")).as("nothing went through for down-after").isFalse();

        links.heartbeat("KG");
        assertThat(links.isUsable("KG")).isTrue();
    }
}
