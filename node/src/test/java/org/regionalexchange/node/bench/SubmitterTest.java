package org.regionalexchange.node.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the bench reads from a node's Prometheus text to count delivered recipient copies. */
class SubmitterTest {

    @Test
    void countsDeliveredCopiesOfEveryKindButReceiptsAcrossPeers() {
        String metrics = String.join("\n",
                "# HELP regional_exchange_receipt_latency_seconds From submission to the recipient's first signed receipt",
                "# TYPE regional_exchange_receipt_latency_seconds histogram",
                "regional_exchange_receipt_latency_seconds_bucket{kind=\"seizure-notice\",outcome=\"delivered\",peer=\"KG\",le=\"0.005\"} 3",
                "regional_exchange_receipt_latency_seconds_count{kind=\"seizure-notice\",outcome=\"delivered\",peer=\"KG\"} 120",
                "regional_exchange_receipt_latency_seconds_sum{kind=\"seizure-notice\",outcome=\"delivered\",peer=\"KG\"} 4.2",
                "regional_exchange_receipt_latency_seconds_count{kind=\"seizure-notice\",outcome=\"delivered\",peer=\"TJ\"} 30",
                "regional_exchange_receipt_latency_seconds_count{kind=\"early-warning\",outcome=\"delivered\",peer=\"KG\"} 5",
                "regional_exchange_receipt_latency_seconds_count{kind=\"seizure-notice\",outcome=\"rejected\",peer=\"KG\"} 7",
                "regional_exchange_receipt_latency_seconds_count{kind=\"receipt\",outcome=\"delivered\",peer=\"KG\"} 9",
                "regional_exchange_queue_depth{queue=\"exchange.inbox\"} 0.0");

        assertThat(Submitter.deliveredCopies(metrics)).isEqualTo(155);
        assertThat(Submitter.deliveredCopies("# nothing delivered yet\n")).isZero();
    }
}
