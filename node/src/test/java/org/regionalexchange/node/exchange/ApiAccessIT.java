package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.demo.LocalRegion;

/**
 * Who may call what on a running node's API over HTTPS: anonymous clients, each role, wrong passwords, the users
 * API, a customs unit's own view, the problem bodies, and the OpenAPI document as the checked-in contract.
 */
class ApiAccessIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String NODE = "UZ";
    static final String NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

    @TempDir
    static Path folder;

    static LocalRegion region;

    @BeforeAll
    static void startRegion() {
        region = new LocalRegion(folder, List.of("TM", "UZ"), List.of(List.of("TM", "UZ")));
        region.start("TM");
        region.start("UZ");
    }

    @AfterAll
    static void stopRegion() {
        region.close();
    }

    /** An operation and the roles it admits; the bodies are harmless (invalid, or naming nothing that exists). */
    record Operation(String method, String path, String body, Set<Role> roles) {}

    static final List<Operation> OPERATIONS = List.of(
            new Operation("POST", "api/v1/messages", "{}", EnumSet.of(Role.FOCAL_POINT, Role.CUSTOMS_UNIT)),
            new Operation("GET", "api/v1/messages/" + NO_SUCH_ID, null, EnumSet.of(Role.FOCAL_POINT, Role.AUDITOR)),
            new Operation("GET", "api/v1/delivery-summary", null, EnumSet.of(Role.FOCAL_POINT, Role.AUDITOR)),
            new Operation("GET", "api/v1/inbox", null, EnumSet.of(Role.FOCAL_POINT, Role.ANALYST, Role.CUSTOMS_UNIT)),
            new Operation("GET", "api/v1/picture/seizures", null, EnumSet.of(Role.FOCAL_POINT, Role.ANALYST)),
            new Operation("GET", "api/v1/picture/control-gaps", null, EnumSet.of(Role.FOCAL_POINT, Role.ANALYST)),
            new Operation("GET", "api/v1/picture/alerts", null, EnumSet.of(Role.FOCAL_POINT, Role.ANALYST)),
            new Operation("GET", "api/v1/picture/first-sightings", null, EnumSet.of(Role.FOCAL_POINT,
                    Role.ANALYST)),
            new Operation("GET", "api/v1/quarantine", null, EnumSet.of(Role.AUDITOR, Role.ADMIN)),
            new Operation("GET", "api/v1/quarantine/repeats", null, EnumSet.of(Role.AUDITOR, Role.ADMIN)),
            new Operation("GET", "api/v1/quarantine/999999/raw", null, EnumSet.of(Role.ADMIN)),
            new Operation("POST", "api/v1/quarantine/999999/release", null, EnumSet.of(Role.ADMIN)),
            new Operation("DELETE", "api/v1/quarantine/999999", null, EnumSet.of(Role.ADMIN)),
            new Operation("GET", "api/v1/dead-letter", null, EnumSet.of(Role.AUDITOR, Role.ADMIN)),
            new Operation("GET", "api/v1/dead-letter/ID:none/raw", null, EnumSet.of(Role.ADMIN)),
            new Operation("POST", "api/v1/dead-letter/ID:none/retry", null, EnumSet.of(Role.ADMIN)),
            new Operation("DELETE", "api/v1/dead-letter/ID:none", null, EnumSet.of(Role.ADMIN)),
            new Operation("GET", "api/v1/audit", null, EnumSet.of(Role.AUDITOR)),
            new Operation("GET", "api/v1/audit/checkpoints", null, EnumSet.of(Role.AUDITOR)),
            new Operation("GET", "api/v1/users", null, EnumSet.of(Role.ADMIN)),
            new Operation("POST", "api/v1/users", "{\"name\":\"x\"}", EnumSet.of(Role.ADMIN)),
            new Operation("DELETE", "api/v1/users/nobody", null, EnumSet.of(Role.ADMIN)),
            new Operation("GET", "api/v1/units", null, EnumSet.of(Role.ADMIN, Role.AUDITOR)),
            new Operation("POST", "api/v1/units", "{\"name\":\"x\"}", EnumSet.of(Role.ADMIN)),
            new Operation("DELETE", "api/v1/units/NOBODY", null, EnumSet.of(Role.ADMIN)),
            new Operation("GET", "api/v1/units/NOBODY/deliveries", null, EnumSet.of(Role.ADMIN, Role.AUDITOR)),
            new Operation("GET", "api/v1/directory", null, EnumSet.allOf(Role.class)),
            new Operation("GET", "api/v1/me", null, EnumSet.allOf(Role.class)),
            new Operation("GET", "api/v1/messages", null, EnumSet.of(Role.FOCAL_POINT, Role.AUDITOR)),
            new Operation("GET", "api/v1/schemas/seizure-notice", null, EnumSet.allOf(Role.class)),
            new Operation("POST", "api/v1/inbox/" + NO_SUCH_ID + "/acknowledge", null, EnumSet.of(Role.CUSTOMS_UNIT)),
            new Operation("PUT", "api/v1/directory/members/NOBODY", "{}", EnumSet.of(Role.ADMIN)),
            new Operation("DELETE", "api/v1/directory/members/NOBODY", null, EnumSet.of(Role.ADMIN)),
            new Operation("POST", "api/v1/directory/publish", null, EnumSet.of(Role.ADMIN)),
            new Operation("GET", "api/v1/openapi.json", null, EnumSet.allOf(Role.class)),
            new Operation("GET", "health", null, EnumSet.allOf(Role.class)),
            new Operation("GET", "metrics", null, EnumSet.of(Role.AUDITOR, Role.ADMIN)));

    @Test
    void anonymousClientGetsUnauthorizedOnEveryOperationOfTheContractButLiveness() throws Exception {
        ApiClient anonymous = new ApiClient(region.baseUrl(NODE), region.caCertificate(), null);
        JsonNode paths = JSON.readTree(region.client(NODE, Role.AUDITOR).get("api/v1/openapi.json").body())
                .get("paths");
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase(java.util.Locale.ROOT);
                String concrete = path.getKey().replace("{id}", NO_SUCH_ID).replace("{name}", "nobody")
                        .replace("{node}", "NOBODY").replace("{kind}", "seizure-notice").substring(1);
                ApiClient.Response response = call(anonymous, method, concrete, "{}");
                if (concrete.equals("health/live")) {
                    assertThat(response.status()).as(method + " " + concrete).isEqualTo(200);
                } else {
                    assertThat(response.status()).as(method + " " + concrete).isEqualTo(401);
                    assertThat(JSON.readTree(response.body()).get("title").asText()).isEqualTo("Unauthorized");
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(OPERATIONS.size() + 1);
    }

    @Test
    void everyRoleReachesItsOperationsAndIsForbiddenTheOthers() throws Exception {
        for (Role role : Role.values()) {
            ApiClient client = region.client(NODE, role);
            for (Operation operation : OPERATIONS) {
                ApiClient.Response response = call(client, operation.method(), operation.path(), operation.body());
                String what = role.id() + " " + operation.method() + " " + operation.path();
                if (operation.roles().contains(role)) {
                    assertThat(response.status()).as(what).isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(response.status()).as(what).isEqualTo(403);
                    assertThat(JSON.readTree(response.body()).get("detail").asText()).contains(role.id())
                            .contains("needs the role");
                }
            }
        }
    }

    @Test
    void anAuditorListsTheQuarantineWithoutBytesAndAnAdminFetchesAndDeletesAnEntry() throws Exception {
        byte[] garbage = "not an envelope, sent by a faulty peer".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        new Injector(region, "TM").deliver(garbage, "garbage-for-the-desk", NODE);
        ApiClient auditor = region.client(NODE, Role.AUDITOR);
        JsonNode[] entry = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode row : JSON.readTree(auditor.get("api/v1/quarantine?peer=TM&reasonCode=MALFORMED").body())) {
                if ("garbage-for-the-desk".equals(row.path("messageId").asText())) {
                    entry[0] = row;
                }
            }
            return entry[0] != null;
        });
        assertThat(entry[0].get("size").asInt()).isEqualTo(garbage.length);
        assertThat(entry[0].get("sha256").asText())
                .isEqualTo(org.regionalexchange.node.audit.AuditEntry.sha256(garbage));
        assertThat(entry[0].has("rawBase64")).isFalse();
        String id = entry[0].get("id").asText();
        assertThat(auditor.get("api/v1/quarantine/" + id + "/raw").status()).isEqualTo(403);

        ApiClient admin = region.client(NODE, Role.ADMIN);
        ApiClient.Response raw = admin.get("api/v1/quarantine/" + id + "/raw");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(new String(garbage, java.nio.charset.StandardCharsets.UTF_8));
        ApiClient.Response deleted = admin.delete("api/v1/quarantine/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(JSON.readTree(deleted.body()).get("by").asText()).isEqualTo("admin");
        assertThat(admin.get("api/v1/quarantine/" + id + "/raw").status()).isEqualTo(404);
        assertThat(admin.delete("api/v1/quarantine/" + id).status()).isEqualTo(404);
        assertThat(admin.get("api/v1/quarantine/abc/raw").status()).isEqualTo(400);
        assertThat(JSON.readTree(auditor.get("api/v1/audit").body()).get("intact").asBoolean()).isTrue();
    }

    @Test
    void wrongPasswordAndUnknownUserAreUnauthorizedWithAChallenge() throws Exception {
        ApiClient.Credentials focal = region.credentials(Role.FOCAL_POINT);
        ApiClient wrong = new ApiClient(region.baseUrl(NODE), region.caCertificate(),
                new ApiClient.Credentials(focal.user(), "not-the-password-at-all".toCharArray()));
        ApiClient unknown = new ApiClient(region.baseUrl(NODE), region.caCertificate(),
                new ApiClient.Credentials("mallory", focal.password()));
        for (ApiClient client : List.of(wrong, unknown)) {
            ApiClient.Response response = client.get("api/v1/inbox");
            assertThat(response.status()).isEqualTo(401);
            assertThat(JSON.readTree(response.body()).get("detail").asText()).contains("wrong password");
        }
    }

    @Test
    void anAdminCreatesAUserWhoSignsInAndLosesAccessWhenRemoved() throws Exception {
        ApiClient admin = region.client(NODE, Role.ADMIN);
        ApiClient.Response created = admin.post("api/v1/users",
                "{\"name\":\"analyst-two\",\"roles\":[\"analyst\"]}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode user = JSON.readTree(created.body());
        assertThat(user.get("roles").get(0).asText()).isEqualTo("analyst");
        ApiClient analyst = new ApiClient(region.baseUrl(NODE), region.caCertificate(),
                new ApiClient.Credentials("analyst-two", user.get("password").asText().toCharArray()));
        assertThat(analyst.get("api/v1/inbox").status()).isEqualTo(200);
        assertThat(analyst.get("api/v1/audit").status()).isEqualTo(403);

        assertThat(admin.delete("api/v1/users/analyst-two").status()).isEqualTo(200);
        assertThat(analyst.get("api/v1/inbox").status()).isEqualTo(401);
        ApiClient.Response badRole = admin.post("api/v1/users", "{\"name\":\"x-y\",\"roles\":[\"boss\"]}");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(JSON.readTree(badRole.body()).at("/violations/0/pointer").asText()).isEqualTo("/roles/0");
    }

    @Test
    void refusalsAreProblemBodiesThatNameTheProblem() throws Exception {
        ApiClient focal = region.client(NODE, Role.FOCAL_POINT);
        ApiClient.Response noType = focal.send(HttpRequest.newBuilder(focal.base().resolve("api/v1/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(noType.status()).isEqualTo(415);
        assertThat(JSON.readTree(noType.body()).get("detail").asText()).contains("no Content-Type");
        ApiClient.Response form = focal.send(HttpRequest.newBuilder(focal.base().resolve("api/v1/messages"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{}=1")));
        assertThat(form.status()).isEqualTo(415);

        ApiClient.Response huge = focal.post("api/v1/messages", "{\"pad\":\"" + "x".repeat(3 << 20) + "\"}");
        assertThat(huge.status()).isEqualTo(413);

        ApiClient.Response badSince = focal.get("api/v1/inbox?since=yesterday");
        assertThat(badSince.status()).isEqualTo(400);
        JsonNode problem = JSON.readTree(badSince.body());
        assertThat(problem.get("detail").asText()).contains("since").contains("yesterday");
        assertThat(badSince.body()).doesNotContain("camel").doesNotContain("Exception");
        assertThat(focal.get("api/v1/inbox?limit=many").status()).isEqualTo(400);

        ApiClient.Response duplicate = focal.post("api/v1/messages",
                "{\"kind\":\"seizure-notice\",\"kind\":\"list-entry\",\"recipients\":[\"TM\"]}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(JSON.readTree(duplicate.body()).at("/violations/0/message").asText()).contains("duplicate key");

        ApiClient.Response notJson = focal.post("api/v1/messages", "{\"kind\":");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).get("title").asText()).isEqualTo("Bad Request");
    }

    @Test
    void aCustomsUnitSeesOnlyItsCrossingPointsWarningsAndSubmitsOnlyOutcomeReports() throws Exception {
        ApiClient tm = region.client("TM", Role.FOCAL_POINT);
        String forAlat = submitted(tm.post("api/v1/messages", warning("UZ-ALAT")));
        String forElsewhere = submitted(tm.post("api/v1/messages", warning("UZ-DAUT-ATA")));
        ApiClient uzFocal = region.client(NODE, Role.FOCAL_POINT);
        await().atMost(Duration.ofSeconds(30)).until(() -> Documents.inboxIds(uzFocal.get(
                "api/v1/inbox?kind=pre-arrival-warning").body()).containsAll(List.of(forAlat, forElsewhere)));

        ApiClient alat = region.client(NODE, Role.CUSTOMS_UNIT);
        assertThat(Documents.inboxIds(alat.get("api/v1/inbox").body())).contains(forAlat)
                .doesNotContain(forElsewhere);
        assertThat(Documents.inboxIds(alat.get("api/v1/inbox?kind=seizure-notice").body())).isEmpty();

        ObjectNode seizure = JSON.createObjectNode().put("kind", "seizure-notice").put("handling", "AMBER");
        seizure.putArray("recipients").add("TM");
        seizure.set("document", Documents.example("valid/seizure-notice/1-0-0/kg-alpha-pvp-bishkek.json"));
        ApiClient.Response refused = alat.post("api/v1/messages", seizure.toString());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("detail").asText()).contains("outcome-report");

        ObjectNode outcome = JSON.createObjectNode().put("kind", "outcome-report").put("handling", "AMBER");
        outcome.putArray("recipients").add("TM");
        outcome.set("document", ((ObjectNode) Documents.example("valid/outcome-report/1-0-0/alat-nothing-found.json")
                .deepCopy()).put("inResponseTo", forAlat));
        assertThat(alat.post("api/v1/messages", outcome.toString()).status()).isEqualTo(202);
    }

    @Test
    void servedOpenApiDocumentIsTheCheckedInContract() throws Exception {
        String served = region.client(NODE, Role.ANALYST).get("api/v1/openapi.json").body();
        JsonNode document = JSON.readTree(served);
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!path.getKey().equals("/health/live")) {
                assertThat(op.getValue().has("security")).as(path.getKey()).isTrue();
                assertThat(op.getValue().at("/responses/401").isMissingNode()).as(path.getKey()).isFalse();
            }
        }));
        Path contract = Path.of("..", "docs", "openapi.json");
        JsonNode checkedIn = Files.exists(contract) ? JSON.readTree(contract.toFile()) : null;
        if (!document.equals(checkedIn)) {
            Path actual = Path.of("target", "openapi.json");
            Files.writeString(actual, served);
            throw new AssertionError("the API differs from its contract docs/openapi.json: review " + actual
                    .toAbsolutePath() + " and, when the change is meant, copy it to docs/openapi.json");
        }
    }

    private static String warning(String unit) {
        ObjectNode document = Documents.example("valid/pre-arrival-warning/1-0-0/tm-to-uz-farap-alat-pilot.json")
                .deepCopy();
        ((ObjectNode) document.get("targetUnit")).put("nodeId", unit);
        ObjectNode body = JSON.createObjectNode().put("kind", "pre-arrival-warning").put("handling", "AMBER")
                .put("expiresAt", Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString());
        body.putArray("recipients").add(NODE);
        body.set("document", document);
        return body.toString();
    }

    private static String submitted(ApiClient.Response response) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).get("messageId").asText();
    }

    private static ApiClient.Response call(ApiClient client, String method, String path, String body)
            throws Exception {
        return switch (method) {
            case "GET" -> client.get(path);
            case "DELETE" -> client.delete(path);
            case "PUT" -> client.put(path, body == null ? "{}" : body);
            default -> client.post(path, body == null ? "{}" : body);
        };
    }
}
