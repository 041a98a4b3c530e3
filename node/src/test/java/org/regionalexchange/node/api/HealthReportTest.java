package org.regionalexchange.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.regionalexchange.node.outbox.LinkState;

/** How /health words a node's state for an operator. */
class HealthReportTest {

    final NodeApi api = new NodeApi(null, null, null, null, null, null, Clock.systemUTC(), null, null);

    @Test
    void staleCrlAndADownLinkAreReportedWithWhatWaitsWhileTheNodeStaysUp() {
        Instant handOver = Instant.parse("2026-10-31T23:58:00Z");
        String body = api.health(new Health.Report(true, true, false, Instant.parse("2026-11-01T00:00:00Z"),
                Map.of("KG", new Health.Link(LinkState.DOWN, Optional.of(handOver), Optional.of(handOver), 1224,
                        Duration.ofSeconds(95)))));

        assertThat(body).contains("\"status\":\"UP\"")
                .contains("\"crl\":\"STALE: publish a new one with `certs crl`\"")
                .contains("\"crlNextUpdate\":\"2026-11-01T00:00:00Z\"")
                .contains("\"KG\":{\"state\":\"DOWN\",\"lastHandOver\":\"2026-10-31T23:58:00Z\","
                        + "\"lastSuccess\":\"2026-10-31T23:58:00Z\",\"outboxDepth\":1224,"
                        + "\"oldestWaitingSeconds\":95.0}");
    }

    @Test
    void nodeWithoutItsDatabaseIsDown() {
        String body = api.health(new Health.Report(true, false, true, Instant.parse("2026-12-01T00:00:00Z"),
                Map.of()));
        assertThat(body).contains("\"status\":\"DOWN\"").contains("\"database\":\"DOWN\"");
    }
}
