package org.regionalexchange.node.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.app.wiring.NodeSettings;
import org.regionalexchange.node.audit.AuditAnchor;
import org.regionalexchange.node.audit.AuditLog;
import org.regionalexchange.node.audit.AuditReport;
import org.regionalexchange.node.store.NodeDatabase;
import org.regionalexchange.node.store.StoreUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Checks the audit chain in a node's database against the node's anchor file and, with {@code --hub-api}, against
 * the hub's latest checkpoint of this node; exits 3 naming the first broken entry. A running node holds its H2 file
 * locked, so then the node itself is asked, over its API on loopback, and given the hub's checkpoint to check too.
 */
@Command(name = "audit", description = {"Audit log commands: `audit verify --config FILE [--hub-api URL]`.",
        "--user is an auditor of this node's API, asked when the running node holds its database; --hub-user one of"
                + " the hub's."})
public final class AuditCommand implements Callable<Integer> {

    static final int BROKEN = 3;

    /** H2's "Database may be already in use": another process holds the file lock. */
    private static final int H2_DATABASE_IN_USE = 90020;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "verify")
    String action;

    @Mixin
    ConfigOption config;

    @Option(names = "--hub-api", description = "The hub's API, e.g. https://127.0.0.1:8080: verify against the"
            + " hub's latest checkpoint of this node too.")
    String hubApi;

    @Option(names = "--hub-user", description = "An auditor of the hub's API (else $" + ApiOptions.USER_ENV + ").")
    String hubUser;

    @Option(names = "--hub-user-password-file", description = "File with that user's password (else $"
            + ApiOptions.PASSWORD_ENV + ").")
    Path hubPasswordFile;

    /** An auditor of this node's API, asked while the node holds its database. */
    @Mixin
    ApiUserOptions login;

    @Override
    public Integer call() throws InterruptedException {
        if (!"verify".equals(action)) {
            throw new IllegalArgumentException("unknown audit action '" + action + "': use `audit verify`");
        }
        NodeSettings settings = config.settings();
        Optional<AuditAnchor.Head> checkpoint = hubCheckpoint(settings);
        NodeDatabase database;
        try {
            database = NodeDatabase.open(settings.database().url(), settings.database().user(),
                    settings.database().password());
        } catch (StoreUnavailableException e) {
            if (!heldByAnotherProcess(e)) {
                throw e;
            }
            return askTheRunningNode(settings, checkpoint);
        }
        try (database) {
            return checkDirectly(database, new AuditAnchor(settings.auditAnchor()), checkpoint);
        }
    }

    private Optional<AuditAnchor.Head> hubCheckpoint(NodeSettings settings) throws InterruptedException {
        if (hubApi == null) {
            return Optional.empty();
        }
        Optional<AuditAnchor.Head> checkpoint;
        try {
            checkpoint = HubCheckpoint.fetch(ApiOptions.client(hubApi, hubUser, hubPasswordFile,
                    settings.pki().caCertificate()), settings.nodeId());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --hub-user-password-file: " + e.getMessage(), e);
        }
        if (checkpoint.isEmpty()) {
            spec.commandLine().getOut().println("the hub at " + hubApi + " holds no checkpoint of "
                    + settings.nodeId() + " yet (it sends one every node.audit.checkpoint-interval once it has"
                    + " traffic)");
        }
        return checkpoint;
    }

    private int checkDirectly(NodeDatabase database, AuditAnchor anchor, Optional<AuditAnchor.Head> checkpoint) {
        Optional<AuditAnchor.Head> anchored = anchor.read();
        AuditReport report = new AuditLog(database, Clock.systemUTC()).verify(anchored, checkpoint);
        PrintWriter out = spec.commandLine().getOut();
        out.println("checked the database directly, " + anchored.map(head -> "against the anchor at entry "
                + head.seq() + " in " + anchor.file()).orElse("without an anchor (no " + anchor.file() + " yet)")
                + againstTheHub(checkpoint.map(AuditAnchor.Head::seq)));
        out.println(report.problem());
        return report.intact() ? 0 : BROKEN;
    }

    /** The node verifies with its own anchor file, which is the one this command would have read. */
    private int askTheRunningNode(NodeSettings settings, Optional<AuditAnchor.Head> checkpoint)
            throws InterruptedException {
        ApiClient api;
        try {
            api = login.client(settings.http().baseUrl(), settings.pki().caCertificate());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --user-password-file: " + e.getMessage(), e);
        }
        JsonNode body = auditBody(api, checkpoint);
        PrintWriter out = spec.commandLine().getOut();
        out.println("checked by the running node's API at " + api.base() + " (it holds the database), "
                + (body.has("anchoredSeq") ? "against the anchor at entry " + body.get("anchoredSeq").asLong()
                        : "without an anchor")
                + againstTheHub(body.has("checkpointSeq") ? Optional.of(body.get("checkpointSeq").asLong())
                        : Optional.empty()));
        out.println(body.path("report").asText());
        return body.path("intact").asBoolean(false) ? 0 : BROKEN;
    }

    private String againstTheHub(Optional<Long> checkpointSeq) {
        return checkpointSeq.map(seq -> ", and against the hub's checkpoint of entry " + seq + " from " + hubApi)
                .orElse("");
    }

    private static JsonNode auditBody(ApiClient api, Optional<AuditAnchor.Head> checkpoint)
            throws InterruptedException {
        String unanswered = "the database is in use by a running node, but its API at " + api.base()
                + "api/v1/audit ";
        String fix = ": check node.http.port in the config and that --user is an auditor, or stop the node and run"
                + " `node audit verify` again";
        ApiClient.Response response;
        try {
            response = api.get("api/v1/audit" + checkpoint.map(AuditCommand::query).orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(unanswered + "did not answer (" + e.getMessage() + ")" + fix, e);
        }
        if (response.status() != 200) {
            throw new IllegalStateException(unanswered + "answered HTTP " + response.status() + ": "
                    + response.body().strip() + fix);
        }
        try {
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(unanswered + "answered with something other than an audit report" + fix,
                    e);
        }
    }

    /** The hub's checkpoint passed on, so the running node checks against the same copy this command fetched. */
    private static String query(AuditAnchor.Head checkpoint) {
        return "?seq=" + checkpoint.seq() + "&entryHash=" + checkpoint.entryHash()
                + (checkpoint.recordedAt() == null ? "" : "&recordedAt="
                        + URLEncoder.encode(checkpoint.recordedAt().toString(), StandardCharsets.UTF_8));
    }

    private static boolean heldByAnotherProcess(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (sql.getErrorCode() == H2_DATABASE_IN_USE
                    || String.valueOf(H2_DATABASE_IN_USE).equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
