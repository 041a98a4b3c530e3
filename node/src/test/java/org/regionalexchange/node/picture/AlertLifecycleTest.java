package org.regionalexchange.node.picture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CARICC's alert A updated twice (the second update referring to the first), KZ's alert B cancelled, KG's alert C
 * past its expiry, TJ's alert D "updated" by KG (not its sender: ignored), and an update of an alert never seen.
 */
class AlertLifecycleTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    static final List<AlertLifecycle.Warning> WARNINGS = List.of(
            warning("A", "CARICC", "2026-12-01T10:00:00Z", "2027-03-01T00:00:00Z", "alert", null),
            warning("A1", "CARICC", "2026-12-02T10:00:00Z", "2027-03-01T00:00:00Z", "update", "A"),
            warning("A2", "CARICC", "2026-12-03T10:00:00Z", "2027-04-01T00:00:00Z", "update", "A1"),
            warning("B", "KZ", "2026-12-01T11:00:00Z", "2027-01-01T00:00:00Z", "alert", null),
            warning("B9", "KZ", "2026-12-02T11:00:00Z", "2027-01-01T00:00:00Z", "cancel", "B"),
            warning("C", "KG", "2026-11-01T10:00:00Z", "2026-12-04T11:59:59Z", "alert", null),
            warning("D", "TJ", "2026-12-01T09:00:00Z", "2027-01-01T00:00:00Z", "alert", null),
            warning("D1", "KG", "2026-12-02T09:00:00Z", "2027-01-01T00:00:00Z", "update", "D"),
            warning("X1", "UZ", "2026-12-02T09:00:00Z", "2027-01-01T00:00:00Z", "update", "nowhere"));

    @Test
    void eachAlertStandsAtItsCurrentVersionAndEndsByCancelOrByTime() {
        List<AlertLifecycle.Alert> alerts = AlertLifecycle.alerts(WARNINGS, NOW);

        assertThat(alerts).extracting(AlertLifecycle.Alert::alertId).containsExactly("A", "B", "D", "C");
        AlertLifecycle.Alert a = alerts.get(0);
        assertThat(a.state()).isEqualTo(AlertLifecycle.State.ACTIVE);
        assertThat(a.current().messageId()).isEqualTo("A2");
        assertThat(a.versions()).isEqualTo(3);
        assertThat(alerts.get(1).state()).isEqualTo(AlertLifecycle.State.CANCELLED);
        assertThat(alerts.get(1).endedBy()).isEqualTo("B9");
        assertThat(alerts.get(2).current().messageId()).isEqualTo("D");
        assertThat(alerts.get(2).versions()).isEqualTo(1);
        assertThat(alerts.get(3).state()).isEqualTo(AlertLifecycle.State.EXPIRED);
    }

    @Test
    void expiryIsJudgedAtTheTimeAsked() {
        assertThat(AlertLifecycle.alerts(WARNINGS, Instant.parse("2026-12-04T11:59:58Z")).stream()
                .filter(alert -> alert.alertId().equals("C")).findFirst().orElseThrow().state())
                .isEqualTo(AlertLifecycle.State.ACTIVE);
        assertThat(AlertLifecycle.alerts(WARNINGS, Instant.parse("2027-03-15T00:00:00Z")).get(0).state())
                .isEqualTo(AlertLifecycle.State.ACTIVE);
        assertThat(AlertLifecycle.alerts(WARNINGS, Instant.parse("2027-04-01T00:00:00Z")).get(0).state())
                .isEqualTo(AlertLifecycle.State.EXPIRED);
    }

    static AlertLifecycle.Warning warning(String id, String sender, String created, String expires, String msgType,
            String refersTo) {
        String document = "{\"msgType\":\"" + msgType + "\"" + (refersTo == null ? "" : ",\"references\":[{"
                + "\"messageId\":\"" + refersTo + "\",\"relation\":\"" + (msgType.equals("cancel") ? "cancels"
                : "updates") + "\"}]") + "}";
        try {
            return new AlertLifecycle.Warning(id, sender, Instant.parse(created), Instant.parse(expires),
                    JSON.readTree(document));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
