package org.regionalexchange.node.api;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collection;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.EmbeddedBroker;

/**
 * The node's Prometheus registry: Camel's route metrics (messages by route and outcome) land here, plus queue
 * depths read from the broker and the time spent sealing and opening.
 */
public final class NodeMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer seal;
    private final Timer open;

    public NodeMetrics(EmbeddedBroker broker, Collection<String> peers) {
        seal = Timer.builder("regional_exchange_seal").description("Signing and encrypting one message")
                .publishPercentiles(0.5, 0.99).register(registry);
        open = Timer.builder("regional_exchange_open").description("Decrypting and verifying one message")
                .publishPercentiles(0.5, 0.99).register(registry);
        depth(broker, BrokerAddresses.INBOX);
        depth(broker, BrokerAddresses.DEAD_LETTER);
        depth(broker, BrokerAddresses.EXPIRED);
        peers.forEach(peer -> depth(broker, BrokerAddresses.outbox(peer)));
        peers.forEach(peer -> depth(broker, BrokerAddresses.inbox(peer)));
    }

    /**
     * Each peer's link as {@link Health} sees it: {@code regional_exchange_link_state{peer, state}} is 1 for the
     * current state (UP, DEGRADED, DOWN) and 0 for the others; the age of the last success (hand-over or heartbeat;
     * -1 when none since the start) and how long the oldest message in the peer's outbox has waited; and the
     * seconds left to each certificate the node depends on ({@code regional_exchange_certificate_expiry_seconds}).
     */
    public void watch(org.regionalexchange.node.outbox.HopHealth links, Health health, Collection<String> peers) {
        for (String peer : peers) {
            for (org.regionalexchange.node.outbox.LinkState state : org.regionalexchange.node.outbox.LinkState
                    .values()) {
                Gauge.builder("regional_exchange_link_state", links, l -> l.state(peer) == state ? 1 : 0)
                        .description("The link's state from real hand-overs and heartbeats: 1 for the current one")
                        .tags("peer", peer, "state", state.name()).register(registry);
            }
            Gauge.builder("regional_exchange_link_last_success_age_seconds", links,
                    l -> l.link(peer).lastSuccess()
                            .map(at -> java.time.Duration.between(at, java.time.Instant.now()).toMillis() / 1000.0)
                            .orElse(-1.0))
                    .description("Seconds since a hand-over or heartbeat to the peer succeeded, -1 when none yet")
                    .tag("peer", peer).register(registry);
            Gauge.builder("regional_exchange_outbox_oldest_waiting_seconds", health,
                    h -> h.oldestWaiting(peer, java.time.Instant.now()).toMillis() / 1000.0)
                    .description("How long the oldest message in the peer's outbox has waited")
                    .tag("peer", peer).register(registry);
        }
        for (Health.Certificate certificate : health.watchedCertificates()) {
            Gauge.builder("regional_exchange_certificate_expiry_seconds", certificate,
                    c -> java.time.Duration.between(java.time.Instant.now(), c.notAfter()).toSeconds())
                    .description("Seconds until the certificate expires (negative once it has): alert weeks ahead")
                    .tag("certificate", certificate.name()).register(registry);
        }
    }

    /**
     * The database's single writer: transactions committed, the writes they carried (their ratio is the grouping
     * under load) and the time spent committing.
     */
    public void watch(org.regionalexchange.node.store.NodeDatabase database) {
        io.micrometer.core.instrument.FunctionCounter.builder("regional_exchange_db_commits", database,
                org.regionalexchange.node.store.NodeDatabase::commits)
                .description("Write transactions committed").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("regional_exchange_db_writes", database,
                org.regionalexchange.node.store.NodeDatabase::writesCommitted)
                .description("Writes committed, several to a transaction when they arrive together").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("regional_exchange_db_commit_seconds", database,
                org.regionalexchange.node.store.NodeDatabase::commitSeconds)
                .description("Time spent committing write transactions").register(registry);
    }

    private void depth(EmbeddedBroker broker, String queue) {
        Gauge.builder("regional_exchange_queue_depth", broker, b -> b.depth(queue))
                .description("Messages waiting in a broker queue").tag("queue", queue).register(registry);
    }

    /**
     * Submit → signed receipt, per recipient, kind and outcome, as a Prometheus histogram
     * ({@code regional_exchange_receipt_latency_seconds_bucket}): what a member states and watches as its service
     * level towards each peer. Only the first receipt of each recipient counts.
     */
    public void receiptLatency(String recipient, String kind, String outcome, java.time.Duration latency) {
        Timer.builder("regional_exchange_receipt_latency")
                .description("From submission to the recipient's first signed receipt")
                .tags("peer", recipient, "kind", kind, "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(5))
                .maximumExpectedValue(java.time.Duration.ofHours(1))
                .register(registry).record(latency);
    }

    /** One message refused by the inbox, by the peer that delivered it and the reason: a flood shows per peer. */
    public void rejected(String peer, String reasonCode) {
        io.micrometer.core.instrument.Counter.builder("regional_exchange_inbox_rejected")
                .description("Messages the inbox refused, kept in quarantine or counted as repeats")
                .tags("peer", peer, "reason", reasonCode).register(registry).increment();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public Timer sealTimer() {
        return seal;
    }

    public Timer openTimer() {
        return open;
    }

    public String scrape() {
        return registry.scrape();
    }
}
