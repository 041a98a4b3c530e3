package org.regionalexchange.node.picture;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Early warnings as a lifecycle: an {@code alert}, its {@code update}s and at most one {@code cancel}, each update
 * and cancel referring to the alert (or to an earlier update, which leads to the same alert). The current version is
 * the latest alert or update by creation time; an alert is cancelled once a cancel of its own sender arrived, and
 * expired once its current version's expiresAt has passed: judged at the time asked, not only when a message
 * arrives.
 */
public final class AlertLifecycle {

    /** Where an alert stands. */
    public enum State { ACTIVE, EXPIRED, CANCELLED }

    /** One stored early warning: its id, sender, header times and document. */
    public record Warning(String messageId, String sender, Instant createdAt, Instant expiresAt, JsonNode document) {}

    /**
     * One alert with its current version.
     *
     * @param alertId the original alert's messageId
     * @param current the warning that is its current version (the alert itself or its latest update)
     * @param versions how many versions arrived (the alert and its updates)
     * @param endedBy the cancel's messageId when cancelled
     */
    public record Alert(String alertId, State state, Warning current, int versions, String endedBy) {}

    private AlertLifecycle() {}

    /**
     * Every alert whose original is known, newest current version first.
     *
     * @param warnings in order of arrival, which decides between versions created in the same second
     */
    public static List<Alert> alerts(List<Warning> warnings, Instant now) {
        Map<String, Warning> byId = new HashMap<>();
        warnings.forEach(w -> byId.put(w.messageId(), w));
        Map<String, List<Warning>> chains = new LinkedHashMap<>();
        Map<String, Warning> cancels = new HashMap<>();
        // Creation times are to the second: within one, an alert comes before its updates, then arrival order.
        for (Warning warning : warnings.stream().sorted(Comparator.comparing(Warning::createdAt)
                .thenComparing(w -> !"alert".equals(w.document().path("msgType").asText()))).toList()) {
            String root = root(warning, byId);
            if (root == null || !byId.get(root).sender().equals(warning.sender())) {
                continue; // an update or cancel of an alert not known here, or of another sender's alert
            }
            if ("cancel".equals(warning.document().path("msgType").asText())) {
                cancels.putIfAbsent(root, warning);
            } else {
                chains.computeIfAbsent(root, r -> new ArrayList<>()).add(warning);
            }
        }
        List<Alert> alerts = new ArrayList<>();
        chains.forEach((root, versions) -> {
            Warning current = versions.get(versions.size() - 1);
            Warning cancel = cancels.get(root);
            State state = cancel != null ? State.CANCELLED
                    : current.expiresAt() != null && !current.expiresAt().isAfter(now) ? State.EXPIRED : State.ACTIVE;
            alerts.add(new Alert(root, state, current, versions.size(), cancel == null ? null : cancel.messageId()));
        });
        alerts.sort(Comparator.comparing((Alert a) -> a.current().createdAt()).reversed());
        return alerts;
    }

    /** The alert a warning belongs to: itself for an alert, else the alert its references lead to; null if unknown. */
    private static String root(Warning warning, Map<String, Warning> byId) {
        Warning at = warning;
        for (int hops = 0; hops < 100; hops++) {
            if ("alert".equals(at.document().path("msgType").asText())) {
                return at.messageId();
            }
            Warning next = null;
            for (JsonNode reference : at.document().path("references")) {
                Warning referred = byId.get(reference.path("messageId").asText());
                if (referred != null) {
                    next = referred;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            at = next;
        }
        return null;
    }
}
