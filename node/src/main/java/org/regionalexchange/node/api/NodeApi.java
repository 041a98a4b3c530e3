package org.regionalexchange.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.regionalexchange.node.audit.AuditAnchor;
import org.regionalexchange.node.audit.AuditAnchorException;
import org.regionalexchange.node.audit.AuditEntry;
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

    /**
     * Reads a submission from its JSON (see {@link SubmissionReader}) for this user: a customs unit submits only
     * outcome reports.
     *
     * @throws ApiProblem 403 when the user's roles do not allow this kind
     */
    public Submission submission(String body, ApiUser user) {
        Submission submission = submissions.read(body);
        if (!user.has(Role.FOCAL_POINT) && !MessageKind.OUTCOME_REPORT.id().equals(submission.kind())) {
            throw ApiProblem.forbidden("user " + user.name() + " is a customs unit: it submits only "
                    + MessageKind.OUTCOME_REPORT.id() + " documents, not '" + submission.kind() + "'");
        }
        return submission;
    }

    public String accepted(String messageId) {
        return write(new Accepted(messageId, "queued", "/api/v1/messages/" + messageId));
    }

    /** A 400 problem listing every violation; nothing was stored or sent. */
    public static String violations(InvalidSubmissionException invalid) {
        return write(new ApiProblem(400, "Bad Request", "invalid submission: nothing was stored or sent",
                invalid.violations().stream().map(v -> new Violation(v.pointer(), v.message())).toList())
                .body());
    }

    /** Per-recipient status, or null when this node did not send the message. */
    public String status(String messageId) {
        List<RecipientStatus> statuses = sent.statusOf(messageId);
        if (statuses.isEmpty()) {
            return null;
        }
        List<RecipientRow> rows = new ArrayList<>();
        for (RecipientStatus status : statuses) {
            rows.add(RecipientRow.of(status));
        }
        return write(new MessageStatus(messageId, rows, outcomes(messageId)));
    }

    /** The outcome reports received for one of this node's messages, oldest first. */
    private List<MessageStatus.OutcomeRow> outcomes(String messageId) {
        List<MessageStatus.OutcomeRow> outcomes = new ArrayList<>();
        for (ReceivedMessages.Received report : received.mentioning("outcome-report", messageId)) {
            JsonNode document = parseJson(report.documentJson());
            if (document.path("inResponseTo").asText().equals(messageId)) {
                outcomes.add(new MessageStatus.OutcomeRow(document.path("unit").path("nodeId").asText(
                        document.path("unit").path("name").asText()), report.sender(),
                        document.path("result").asText(), document.path("reportedAt").asText(),
                        report.messageId()));
            }
        }
        return outcomes;
    }

    /** How many recipients of this node's messages stand at each status: what is still on its way. */
    public String deliverySummary() {
        Map<String, Long> counts = new LinkedHashMap<>();
        sent.summary().forEach((status, count) -> counts.put(status.name().toLowerCase(Locale.ROOT), count));
        return write(counts);
    }

    /**
     * Received messages, newest first.
     *
     * @throws ApiProblem naming a malformed parameter
     */
    public String inbox(String kind, String since, String until, String limit) {
        return write(inboxItems(kind, since, until, limit(limit)));
    }

    /**
     * The inbox as this user may see it: a customs unit sees only the pre-arrival warnings for its own crossing
     * points; every other role sees everything that arrived.
     */
    public String inboxFor(ApiUser user, String kind, String since, String until, String limit) {
        if (user.has(Role.FOCAL_POINT) || user.has(Role.ANALYST)) {
            return inbox(kind, since, until, limit);
        }
        if (kind != null && !kind.equals(MessageKind.PRE_ARRIVAL_WARNING.id())) {
            return write(List.of());
        }
        List<InboxItem> own = inboxItems(MessageKind.PRE_ARRIVAL_WARNING.id(), since, until, MAX_LIMIT)
                .stream().filter(item -> user.units().contains(item.document().path("targetUnit")
                        .path("nodeId").asText())).limit(limit(limit)).toList();
        return write(own);
    }

    private List<InboxItem> inboxItems(String kind, String since, String until, int limit) {
        Instant to = until == null ? clock.instant().plusSeconds(1) : time("until", until);
        Instant from = since == null ? to.minus(Duration.ofDays(30)) : time("since", since);
        List<InboxItem> items = new ArrayList<>();
        for (ReceivedMessages.Received message : received.list(kind, from, to, limit)) {
            items.add(new InboxItem(message.messageId(), message.kind(), message.sender(),
                    message.receivedAt().toString(), message.deliveringPeer(), parse(message.headerJson()),
                    parse(message.documentJson())));
        }
        return items;
    }

    public String quarantine(String limit) {
        return write(quarantine.recent(limit(limit)).stream().map(QuarantineItem::of).toList());
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
     * @throws ApiProblem when only one of seq and entryHash is given, or either is malformed
     */
    public String audit(String seq, String entryHash, String recordedAt) {
        if ((seq == null) != (entryHash == null)) {
            throw ApiProblem.badRequest("", "give both seq and entryHash of the hub's checkpoint, or neither");
        }
        Optional<AuditAnchor.Head> checkpoint;
        try {
            checkpoint = seq == null ? Optional.empty() : Optional.of(AuditAnchor.head(seq, entryHash, recordedAt));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("", "query parameters seq, entryHash, recordedAt: " + e.getMessage());
        }
        AuditReport report = audit.verify(auditAnchor == null ? Optional.empty() : auditAnchor.read(), checkpoint);
        return write(new AuditReportBody(report.intact(), report.entriesChecked(), report.problem(),
                report.firstBrokenSeq().orElse(null),
                report.anchor().map(AuditAnchor.Head::seq).orElse(null),
                report.hubCheckpoint().map(AuditAnchor.Head::seq).orElse(null)));
    }

    /**
     * On the hub: the audit checkpoint each node sent last, in node id order. It is the latest that
     * arrived, not the highest seq, so that a node's chain that went backwards shows as a checkpoint its log no longer
     * matches rather than being hidden behind an older one.
     */
    public String checkpoints() {
        Map<String, Checkpoint> latest = new TreeMap<>();
        for (ReceivedMessages.Received message : received.latestPerSender(MessageKind.AUDIT_CHECKPOINT.id())) {
            JsonNode document = parse(message.documentJson());
            Checkpoint row = new Checkpoint(message.sender(), document.path("seq").asLong(),
                    document.path("entryHash").asText(), document.path("recordedAt").asText(),
                    message.receivedAt().toString(), message.messageId());
            latest.merge(message.sender(), row, (one, other) -> one.seq() >= other.seq() ? one : other);
        }
        return write(List.copyOf(latest.values()));
    }

    public Health.Report healthReport() {
        return health.check();
    }

    public String health(Health.Report report) {
        Map<String, HealthBody.LinkBody> peers = new LinkedHashMap<>();
        report.peers().forEach((peer, link) -> peers.put(peer, new HealthBody.LinkBody(link.state().name(),
                link.lastHandOver().map(Object::toString).orElse(null),
                link.lastSuccess().map(Object::toString).orElse(null), link.outboxDepth(),
                link.oldestWaiting().toMillis() / 1000.0)));
        return write(new HealthBody(report.up() ? "UP" : "DOWN", report.broker() ? "UP" : "DOWN",
                report.database() ? "UP" : "DOWN",
                report.crlCurrent() ? "CURRENT" : "STALE: publish a new one with `certs crl` on the CA; the hub"
                        + " carries it to every member in the next directory",
                report.crlNextUpdate().toString(), peers, new java.util.TreeMap<>(report.schemas()),
                certificates(report), directory(report.directory())));
    }

    private static HealthBody.DirectoryStateBody directory(Health.DirectoryState state) {
        String name = state.version() == 0 ? "NONE" : state.stale() ? "STALE: the hub has not published the next"
                + " directory it promised; check the link to the hub" : "CURRENT";
        return new HealthBody.DirectoryStateBody(name, state.version(),
                state.nextUpdate() == null ? null : state.nextUpdate().toString());
    }

    private static Map<String, HealthBody.CertificateBody> certificates(Health.Report report) {
        Map<String, HealthBody.CertificateBody> bodies = new LinkedHashMap<>();
        report.certificates().forEach((name, state) -> bodies.put(name, new HealthBody.CertificateBody(
                state.expiry() == Health.Expiry.EXPIRING ? "EXPIRING: renew it (see README, \"Enrolment by request\")"
                        : state.expiry().name(), state.notAfter().toString(), state.daysLeft())));
        return bodies;
    }

    public String metrics() {
        return metrics.scrape();
    }

    /** @throws ApiProblem naming the parameter when it is not a whole number */
    static int limit(String limit) {
        try {
            return limit == null ? 100 : Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(limit)));
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("", "query parameter limit: '" + limit + "' is not a whole number (1 to "
                    + MAX_LIMIT + ")");
        }
    }

    private static Instant time(String parameter, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("", "query parameter " + parameter + ": '" + value
                    + "' is not a UTC date-time such as 2026-12-01T00:00:00Z");
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an API answer as JSON", e);
        }
    }

    /** A stored JSON text, which the node wrote itself and so always parses. */
    static JsonNode parseJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stored message is not JSON: " + e.getMessage(), e);
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
