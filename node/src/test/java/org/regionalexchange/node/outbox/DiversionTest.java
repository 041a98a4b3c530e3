package org.regionalexchange.node.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.MovableClock;
import org.regionalexchange.node.audit.AuditEntry;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.Decision;
import org.regionalexchange.node.routing.NextHopResolver;
import org.regionalexchange.node.store.DeliveryStatus;
import org.regionalexchange.node.store.NodeDatabase;
import org.regionalexchange.node.store.SentMessages;

/**
 * KZ's copies waiting for KG while the KZ-KG link is down go through CARICC instead, and the status and the audit
 * chain say so: on a real H2 store and a link state the test drives, with the outbox faked.
 */
class DiversionTest {

    static final List<String> REGION = List.of("CARICC", "KZ", "KG", "TJ");

    @TempDir
    Path folder;

    final MovableClock clock = new MovableClock(
            Instant.parse("2026-12-04T10:00:00Z"));
    final HopHealth links = new HopHealth(clock, Duration.ofSeconds(15), Duration.ofSeconds(60));
    final List<HopCopy> queued = new ArrayList<>();
    NodeDatabase database;
    SentMessages sent;
    AuditLog audit;
    Diversion diversion;

    @BeforeEach
    void open() {
        database = NodeDatabase.open("jdbc:h2:file:" + folder.resolve("kz"), "node", new char[0]);
        sent = new SentMessages(database, clock);
        audit = new AuditLog(database, clock);
        NextHopResolver resolver = new NextHopResolver("KZ", "CARICC", REGION, List.of("CARICC", "KG"),
                links::isUsable);
        diversion = new Diversion(resolver, queued::addAll,
                new SentLedger("KZ", sent, audit, Duration.ofMinutes(2), clock));
        links.heartbeat("CARICC");
        links.heartbeat("KG");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aCopyWaitingForADownNeighbourIsQueuedForTheHubWithTheSameBytesAndRecorded() {
        HopCopy waiting = recordAndWait("m-1", 2);
        takeDown("KG");

        assertThat(diversion.appliesTo("KG")).isTrue();
        List<HopCopy> replacements = diversion.divert(waiting);

        assertThat(replacements).isEqualTo(queued).singleElement().satisfies(copy -> {
            assertThat(copy.hop()).isEqualTo("CARICC");
            assertThat(copy.deliverTo()).containsExactly("KG");
            assertThat(copy.messageId()).isEqualTo("m-1");
            assertThat(copy.sender()).isEqualTo("KZ");
            assertThat(copy.resend()).as("a resend stays that resend, so its duplicate id is new").isEqualTo(2);
            assertThat(copy.wire()).isEqualTo(waiting.wire());
        });
        assertThat(sent.statusOf("m-1")).singleElement().satisfies(status -> {
            assertThat(status.nextHop()).isEqualTo("CARICC");
            assertThat(status.status()).isEqualTo(DeliveryStatus.QUEUED);
        });
        assertThat(audit.entriesAfter(0, 10)).filteredOn(entry -> entry.decision() == Decision.DIVERTED)
                .singleElement().satisfies(entry -> {
                    assertThat(entry.messageId()).isEqualTo("m-1");
                    assertThat(entry.peer()).isEqualTo("CARICC");
                    assertThat(entry.digest()).isEqualTo(AuditEntry.sha256(waiting.wire()));
                });
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void copiesGoToTheNeighbourWhileItsLinkIsUpAndOnceItIsBack() {
        HopCopy waiting = recordAndWait("m-1", 0);
        assertThat(diversion.appliesTo("KG")).isFalse();

        takeDown("KG");
        links.heartbeat("KG");

        assertThat(diversion.appliesTo("KG")).isFalse();
        assertThat(diversion.divert(waiting)).as("a plan that keeps the hop diverts nothing").isEmpty();
        assertThat(queued).isEmpty();
        assertThat(sent.statusOf("m-1").get(0).nextHop()).isEqualTo("KG");
    }

    @Test
    void withTheHubDownTooTheCopyWaitsForItsNeighbour() {
        recordAndWait("m-1", 0);
        links.failed("KG");
        links.failed("CARICC");
        clock.move(Duration.ofSeconds(61));
        assertThat(links.state("CARICC")).isEqualTo(LinkState.DOWN);

        assertThat(diversion.appliesTo("KG")).isFalse();
        assertThat(diversion.appliesTo("CARICC")).as("the hub's own copies are never moved").isFalse();
    }

    @Test
    void theStatusNamesTheHopThatTookTheCopy() {
        recordAndWait("m-1", 0);
        sent.forwarded("m-1", "KG", clock.instant().plus(Duration.ofMinutes(2)), "CARICC");

        assertThat(sent.statusOf("m-1")).singleElement().satisfies(status -> {
            assertThat(status.nextHop()).isEqualTo("CARICC");
            assertThat(status.status()).isEqualTo(DeliveryStatus.FORWARDED);
        });
    }

    /** KZ's message for KG, recorded as planned direct, and its copy waiting in the outbox for KG. */
    private HopCopy recordAndWait(String messageId, int resend) {
        byte[] wire = ("sealed " + messageId).getBytes(StandardCharsets.UTF_8);
        sent.record(new SentMessages.Sent(messageId, "seizure-notice", clock.instant(), null, "AMBER", "{}",
                AuditEntry.sha256(wire), Map.of("KG", "KG"), wire));
        return new HopCopy("KG", messageId, "KZ", List.of("KG"), wire, resend);
    }

    /** Nothing reaches the peer any more: its link turns DOWN after down-after, while the hub keeps answering. */
    private void takeDown(String peer) {
        links.failed(peer);
        clock.move(Duration.ofSeconds(61));
        links.heartbeat("CARICC");
        assertThat(links.state(peer)).isEqualTo(LinkState.DOWN);
    }
}
