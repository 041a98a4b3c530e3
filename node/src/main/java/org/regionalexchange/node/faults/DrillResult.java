package org.regionalexchange.node.faults;

import java.time.Duration;
import java.util.List;

/**
 * What one drill found, counted from the nodes' own stores after they were stopped and from what the subscriber was
 * given. Every "0" column must be zero for the drill to pass.
 *
 * @param accepted submissions the sender answered with 202
 * @param refused submissions answered otherwise or not at all (the sender was down): never promised
 * @param stored accepted notices stored by every recipient (a recipient stores a messageId at most once)
 * @param lost accepted notices missing at one recipient or more
 * @param delivered accepted notices the subscriber on the receiving node was given
 * @param duplicated notices the node dispatched to the subscriber more than once
 * @param unrecorded accepted notices missing from the sender's own records or its audit log
 * @param stuck accepted notices with a recipient not {@code delivered} at the sender when the drill ended
 * @param auditProblems nodes whose audit chain is broken, or that lack an entry for an accepted notice
 * @param quarantined entries in any node's quarantine
 * @param deadLettered messages in any node's dead-letter queue
 * @param recovery per fault, from its end (node back, link healed, database up) to the next notice the subscriber got
 * @param drain from the last submission until every accepted notice was acknowledged at the sender
 * @param acceptedPerSecond the sender's acceptance rate over the stream
 * @param deliveredPerSecond accepted notices per second from the first submission to the subscriber's last arrival
 * @param unexplained refusals the sender answered without a 503 problem body and a Retry-After
 * @param healthProblems what the drill saw that a healthy region should not show: a frozen link still UP on /health,
 *     a flood holding back another peer's notices past its bound or filling the quarantine
 * @param notes what the drill observed beyond the counts, e.g. when /health saw a link go down and come back
 */
public record DrillResult(String scenario, int accepted, int refused, int stored, int lost, int delivered,
        int duplicated, int unrecorded, int stuck, int auditProblems, int quarantined, long deadLettered,
        List<Duration> recovery, Duration drain, double acceptedPerSecond, double deliveredPerSecond,
        List<String> problems, int unexplained, int healthProblems, List<String> notes) {

    public boolean passed() {
        return unexplained == 0 && healthProblems == 0 && lost == 0 && duplicated == 0 && unrecorded == 0
                && stuck == 0 && auditProblems == 0 && quarantined == 0 && deadLettered == 0 && delivered == accepted
                && stored == accepted && accepted > 0;
    }

    static String tableHeader() {
        return String.format("%-16s %8s %7s %7s %5s %9s %10s %10s %5s %5s %6s %4s %-14s %7s %6s %6s%n", "scenario",
                "accepted", "refused", "stored", "lost", "delivered", "duplicated", "unrecorded", "stuck", "audit",
                "quar.", "DLQ", "recovery (s)", "drain s", "acc/s", "dlv/s");
    }

    String tableRow() {
        String recoveries = recovery.isEmpty() ? "-" : String.join(",", recovery.stream()
                .map(d -> String.format("%.1f", d.toMillis() / 1000.0)).toList());
        return String.format("%-16s %8d %7d %7d %5d %9d %10d %10d %5d %5d %6d %4d %-14s %7.1f %6.1f %6.1f %s%n",
                scenario,
                accepted, refused, stored, lost, delivered, duplicated, unrecorded, stuck, auditProblems, quarantined,
                deadLettered, recoveries, drain.toMillis() / 1000.0, acceptedPerSecond, deliveredPerSecond,
                passed() ? "PASS" : "FAIL");
    }
}
