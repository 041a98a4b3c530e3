package org.regionalexchange.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.regionalexchange.node.audit.AuditAnchor;
import org.regionalexchange.node.audit.AuditAnchorException;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.AuditReport;
import org.regionalexchange.node.outbox.InvalidSubmissionException;
import org.regionalexchange.node.outbox.Submission;
import org.regionalexchange.node.outbox.SubmissionReader;
import org.regionalexchange.node.store.QuarantineStore;
import org.regionalexchange.node.store.ReceivedMessages;
import org.regionalexchange.node.store.RecipientStatus;
import org.regionalexchange.node.store.SentMessages;
import org.regionalexchange.schemas.MessageKind;

/**
 * What the HTTP routes ask of the node, in JSON: parse a submission, and read status, inbox, quarantine, the audit
 * chain and, on the hub, the audit checkpoints of the other nodes.
 */
public final class NodeApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LIMIT = 500;

    private final SentMessages sent;
    private final ReceivedMessages received;
    private final QuarantineStore quarantine;
    private final AuditLog audit;
    private final Health health;
    private final NodeMetrics metrics;
    private final Clock clock;
    private final AuditAnchor auditAnchor;
    private final SubmissionReader submissions;

    /** @param auditAnchor the anchor file the chain is checked against when it exists; null to check without one */
    public NodeApi(SentMessages sent, ReceivedMessages received, QuarantineStore quarantine, AuditLog audit,
            Health health, NodeMetrics metrics, Clock clock, Path auditAnchor, SubmissionReader submissions) {
        this.sent = sent;
        this.received = received;
        this.quarantine = quarantine;
        this.audit = audit;
        this.health = health;
        this.metrics = metrics;
        this.clock = clock;
        this.auditAnchor = auditAnchor == null ? null : new AuditAnchor(auditAnchor);
        this.submissions = submissions;
    }

    /** Reads a submission from its JSON; see {@link SubmissionReader}. */
    public Submission submission(String body) {
        return submissions.read(body);
    }

    public String accepted(String messageId) {
        return SubmissionReader.accepted(messageId);
    }

    public String violations(InvalidSubmissionException invalid) {
        return SubmissionReader.violations(invalid);
    }

    /** Per-recipient status, or null when this node did not send the message. */
    public String status(String messageId) {
        List<RecipientStatus> statuses = sent.statusOf(messageId);
        if (statuses.isEmpty()) {
            return null;
        }
        ObjectNode body = JSON.createObjectNode().put("messageId", messageId);
        ArrayNode list = body.putArray("recipients");
        for (RecipientStatus status : statuses) {
            ObjectNode row = list.addObject().put("recipient", status.recipient()).put("nextHop", status.nextHop())
                    .put("status", status.status().name().toLowerCase(java.util.Locale.ROOT))
                    .put("updatedAt", status.updatedAt().toString());
            if (status.reasonCode() != null) {
                row.put("reasonCode", status.reasonCode());
            }
            row.put("resends", status.resends());
            if (status.lastAttemptAt() != null) {
                row.put("lastAttemptAt", status.lastAttemptAt().toString());
            }
            if (status.lastError() != null) {
                row.put("lastError", status.lastError());
            }
        }
        return body.toString();
    }

    /** How many recipients of this node's messages stand at each status: what is still on its way. */
    public String deliverySummary() {
        ObjectNode body = JSON.createObjectNode();
        sent.summary().forEach((status, count) -> body.put(status.name().toLowerCase(java.util.Locale.ROOT), count));
        return body.toString();
    }

    public String inbox(String kind, String since, String until, String limit) {
        Instant to = until == null ? clock.instant().plusSeconds(1) : Instant.parse(until);
        Instant from = since == null ? to.minus(Duration.ofDays(30)) : Instant.parse(since);
        ArrayNode list = JSON.createArrayNode();
        for (ReceivedMessages.Received message : received.list(kind, from, to, limit(limit))) {
            ObjectNode row = list.addObject().put("messageId", message.messageId()).put("kind", message.kind())
                    .put("sender", message.sender()).put("receivedAt", message.receivedAt().toString())
                    .put("deliveringPeer", message.deliveringPeer());
            row.set("header", parse(message.headerJson()));
            row.set("document", parse(message.documentJson()));
        }
        return list.toString();
    }

    public String quarantine(String limit) {
        ArrayNode list = JSON.createArrayNode();
        for (QuarantineStore.Quarantined entry : quarantine.recent(limit(limit))) {
            list.addObject().put("id", entry.id()).put("receivedAt", entry.receivedAt().toString())
                    .put("deliveringPeer", entry.deliveringPeer()).put("reasonCode", entry.reasonCode())
                    .put("detail", entry.detail()).put("messageId", entry.messageId()).put("sender", entry.sender())
                    .put("size", entry.rawBytes().length)
                    .put("rawBase64", Base64.getEncoder().encodeToString(entry.rawBytes()));
        }
        return list.toString();
    }

    /**
     * The chain, checked against the anchor file when there is one.
     *
     * @throws AuditAnchorException when the anchor file exists but cannot be read
     */
    public String audit() {
        return audit(null, null, null);
    }

    /**
     * The chain, checked against the anchor file and, when seq and entryHash are given, against the hub's checkpoint
     * of it too: `audit verify --hub-api` passes the hub's copy on while this node holds its database.
     *
     * @param recordedAt the checkpointed entry's time, only for the report; may be null
     * @throws IllegalArgumentException when only one of seq and entryHash is given, or either is malformed
     */
    public String audit(String seq, String entryHash, String recordedAt) {
        if ((seq == null) != (entryHash == null)) {
            throw new IllegalArgumentException("give both seq and entryHash of the hub's checkpoint, or neither");
        }
        Optional<AuditAnchor.Head> checkpoint = seq == null ? Optional.empty()
                : Optional.of(AuditAnchor.head(seq, entryHash, recordedAt));
        AuditReport report = audit.verify(auditAnchor == null ? Optional.empty() : auditAnchor.read(), checkpoint);
        ObjectNode body = JSON.createObjectNode().put("intact", report.intact())
                .put("entriesChecked", report.entriesChecked()).put("report", report.problem());
        report.firstBrokenSeq().ifPresent(first -> body.put("firstBrokenEntry", first));
        report.anchor().ifPresent(anchor -> body.put("anchoredSeq", anchor.seq()));
        report.hubCheckpoint().ifPresent(hub -> body.put("checkpointSeq", hub.seq()));
        return body.toString();
    }

    /**
     * On the hub: the audit checkpoint each node sent last, in node id order. It is the latest that
     * arrived, not the highest seq, so that a node's chain that went backwards shows as a checkpoint its log no longer
     * matches rather than being hidden behind an older one.
     */
    public String checkpoints() {
        Map<String, ObjectNode> latest = new TreeMap<>();
        for (ReceivedMessages.Received message : received.latestPerSender(MessageKind.AUDIT_CHECKPOINT.id())) {
            JsonNode document = parse(message.documentJson());
            ObjectNode row = JSON.createObjectNode().put("node", message.sender())
                    .put("seq", document.path("seq").asLong()).put("entryHash", document.path("entryHash").asText())
                    .put("recordedAt", document.path("recordedAt").asText())
                    .put("receivedAt", message.receivedAt().toString()).put("messageId", message.messageId());
            latest.merge(message.sender(), row, (one, other) ->
                    one.path("seq").asLong() >= other.path("seq").asLong() ? one : other);
        }
        return JSON.createArrayNode().addAll(latest.values()).toString();
    }

    public Health.Report healthReport() {
        return health.check();
    }

    public String health(Health.Report report) {
        ObjectNode body = JSON.createObjectNode().put("status", report.up() ? "UP" : "DOWN")
                .put("broker", report.broker() ? "UP" : "DOWN").put("database", report.database() ? "UP" : "DOWN")
                .put("crl", report.crlCurrent() ? "CURRENT" : "STALE: publish a new one with `certs crl`")
                .put("crlNextUpdate", report.crlNextUpdate().toString());
        ObjectNode peers = body.putObject("peers");
        report.peers().forEach((peer, up) -> peers.put(peer, up ? "REACHABLE" : "UNREACHABLE"));
        return body.toString();
    }

    public String metrics() {
        return metrics.scrape();
    }

    private static int limit(String limit) {
        try {
            return limit == null ? 100 : Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(limit)));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }
}
