package org.regionalexchange.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How /health words a node's state for an operator. */
class HealthReportTest {

    final NodeApi api = new NodeApi(null, null, null, null, null, null, Clock.systemUTC(), null, null);

    @Test
    void staleCrlAndUnreachablePeerAreReportedWithWhatToDoWhileTheNodeStaysUp() {
        String body = api.health(new Health.Report(true, true, false, Instant.parse("2026-11-01T00:00:00Z"),
                Map.of("KG", false)));

        assertThat(body).contains("\"status\":\"UP\"")
                .contains("\"crl\":\"STALE: publish a new one with `certs crl`\"")
                .contains("\"crlNextUpdate\":\"2026-11-01T00:00:00Z\"")
                .contains("\"KG\":\"UNREACHABLE\"");
    }

    @Test
    void nodeWithoutItsDatabaseIsDown() {
        String body = api.health(new Health.Report(true, false, true, Instant.parse("2026-12-01T00:00:00Z"),
                Map.of()));
        assertThat(body).contains("\"status\":\"DOWN\"").contains("\"database\":\"DOWN\"");
    }
}
