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
                .contains("\"crl\":\"STALE: publish a new one with `certs crl` on the CA; the hub carries it")
                .contains("\"crlNextUpdate\":\"2026-11-01T00:00:00Z\"")
                .contains("\"KG\":{\"state\":\"DOWN\",\"lastHandOver\":\"2026-10-31T23:58:00Z\","
                        + "\"lastSuccess\":\"2026-10-31T23:58:00Z\",\"outboxDepth\":1224,"
                        + "\"oldestWaitingSeconds\":95.0}");
    }

    @Test
    void aCertificateWithinTheWarningPeriodShowsAsExpiringWeeksAheadAndOnePastItsEndAsExpired() {
        Instant now = Instant.parse("2026-12-06T12:00:00Z");
        Health health = new Health(null, null, java.util.List.of(), null, () -> now, Clock.fixed(now,
                java.time.ZoneOffset.UTC), Map.of(), java.util.List.of(
                        new Health.Certificate("tls", now.plus(Duration.ofDays(400))),
                        new Health.Certificate("signing", now.plus(Duration.ofDays(20))),
                        new Health.Certificate("root", now.minus(Duration.ofDays(1)))), Duration.ofDays(30));

        Map<String, Health.CertificateState> states = health.certificates(now);
        assertThat(states.get("tls").expiry()).isEqualTo(Health.Expiry.OK);
        assertThat(states.get("signing").expiry()).isEqualTo(Health.Expiry.EXPIRING);
        assertThat(states.get("signing").daysLeft()).isEqualTo(20);
        assertThat(states.get("root").expiry()).isEqualTo(Health.Expiry.EXPIRED);
        String body = api.health(new Health.Report(true, true, true, now.plusSeconds(60), Map.of(), Map.of(),
                states));
        assertThat(body).contains("\"signing\":{\"expiry\":\"EXPIRING: renew it")
                .contains("\"notAfter\":\"2026-12-26T12:00:00Z\",\"daysLeft\":20}")
                .contains("\"root\":{\"expiry\":\"EXPIRED\"");
    }

    @Test
    void theDirectoryInForceShowsAsCurrentOrStalePastTheNextUpdateItsHubPromised() {
        Instant next = Instant.parse("2026-12-14T06:00:00Z");
        String current = api.health(new Health.Report(true, true, true, next, Map.of(), Map.of(), Map.of(),
                new Health.DirectoryState(4, next, false)));
        assertThat(current).contains("\"directory\":{\"state\":\"CURRENT\",\"version\":4,"
                + "\"nextUpdate\":\"2026-12-14T06:00:00Z\"}");
        String stale = api.health(new Health.Report(true, true, true, next, Map.of(), Map.of(), Map.of(),
                new Health.DirectoryState(4, next, true)));
        assertThat(stale).contains("\"state\":\"STALE: the hub has not published");
        assertThat(api.health(new Health.Report(true, true, true, next, Map.of()))).contains("\"state\":\"NONE\"");
    }

    @Test
    void nodeWithoutItsDatabaseIsDown() {
        String body = api.health(new Health.Report(true, false, true, Instant.parse("2026-12-01T00:00:00Z"),
                Map.of()));
        assertThat(body).contains("\"status\":\"DOWN\"").contains("\"database\":\"DOWN\"");
    }
}
