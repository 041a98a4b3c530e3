package org.regionalexchange.node.api;

import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;

/**
 * The operations of the REST API as Rest DSL declarations: path, roles, parameters, body and answers. The OpenAPI
 * document is generated from these, so what is declared here is what clients are promised; each operation hands
 * over to the direct route of the same name in {@link ApiRoutes}.
 */
final class ApiContract {

    static final String SUBMIT = "direct:api-submit";
    static final String STATUS = "direct:api-status";
    static final String DELIVERY_SUMMARY = "direct:api-delivery-summary";
    static final String INBOX = "direct:api-inbox";
    static final String PICTURE_SEIZURES = "direct:api-picture-seizures";
    static final String PICTURE_CONTROL_GAPS = "direct:api-picture-control-gaps";
    static final String PICTURE_ALERTS = "direct:api-picture-alerts";
    static final String PICTURE_FIRST_SIGHTINGS = "direct:api-picture-first-sightings";
    static final String QUARANTINE = "direct:api-quarantine";
    static final String QUARANTINE_RAW = "direct:api-quarantine-raw";
    static final String QUARANTINE_REPEATS = "direct:api-quarantine-repeats";
    static final String RELEASE = "direct:api-quarantine-release";
    static final String DELETE_QUARANTINED = "direct:api-quarantine-delete";
    static final String DEAD_LETTERS = "direct:api-dead-letters";
    static final String DEAD_LETTER_RAW = "direct:api-dead-letter-raw";
    static final String RETRY = "direct:api-dead-letter-retry";
    static final String DISCARD = "direct:api-dead-letter-delete";
    static final String AUDIT = "direct:api-audit";
    static final String CHECKPOINTS = "direct:api-audit-checkpoints";
    static final String USERS = "direct:api-users";
    static final String UNITS = "direct:api-units";
    static final String ADD_UNIT = "direct:api-add-unit";
    static final String DIRECTORY = "direct:api-directory";
    static final String ME = "direct:api-me";
    static final String SENT = "direct:api-sent";
    static final String SCHEMA = "direct:api-schema";
    static final String ACKNOWLEDGE = "direct:api-acknowledge";
    static final String PUT_MEMBER = "direct:api-put-member";
    static final String REMOVE_MEMBER = "direct:api-remove-member";
    static final String PUBLISH_DIRECTORY = "direct:api-publish-directory";
    static final String REMOVE_UNIT = "direct:api-remove-unit";
    static final String UNIT_DELIVERIES = "direct:api-unit-deliveries";
    static final String ADD_USER = "direct:api-add-user";
    static final String REMOVE_USER = "direct:api-remove-user";
    static final String OPENAPI = "direct:api-openapi";
    static final String HEALTH = "direct:api-health";
    static final String LIVENESS = "direct:api-liveness";
    static final String METRICS = "direct:api-metrics";

    private ApiContract() {}

    static void messages(RestDefinition rest) {
        rest.post("/messages").id("rest-submit").security("basic")
                .description("Submit a document: the node validates, signs, encrypts and queues it for every"
                        + " recipient. Roles: focal-point; customs-unit for outcome-report only.")
                .produces(ApiRoutes.JSON).type(SubmissionBody.class)
                .responseMessage().code(202).message("accepted: queued for every recipient")
                    .responseModel(Accepted.class).endResponseMessage()
                .responseMessage().code(400).message("invalid: every violation as JSON pointer and message;"
                        + " nothing stored").responseModel(Problem.class).endResponseMessage()
                .responseMessage().code(415).message("the body is not application/json")
                    .responseModel(Problem.class).endResponseMessage()
                .to(SUBMIT);
        refusals(rest);
        rest.get("/messages/{id}").id("rest-status").security("basic")
                .description("Delivery status per recipient of a message this node sent. Roles: focal-point,"
                        + " auditor.")
                .produces(ApiRoutes.JSON).outType(MessageStatus.class)
                .param().name("id").type(RestParamType.path).dataType("string").description("the messageId")
                    .endParam()
                .responseMessage().code(404).message("this node sent no such message")
                    .responseModel(Problem.class).endResponseMessage()
                .to(STATUS);
        refusals(rest);
        rest.get("/delivery-summary").id("rest-delivery-summary").security("basic")
                .description("Recipients of this node's messages by status. Roles: focal-point, auditor.")
                .produces(ApiRoutes.JSON).to(DELIVERY_SUMMARY);
        refusals(rest);
    }

    static void reading(RestDefinition rest) {
        rest.get("/inbox").id("rest-inbox").security("basic")
                .description("Received messages, newest first. Roles: focal-point, analyst; a customs-unit sees"
                        + " only the pre-arrival warnings for its own crossing points.")
                .produces(ApiRoutes.JSON).outType(InboxItem[].class)
                .param().name("kind").type(RestParamType.query).dataType("string").required(false)
                    .description("document kind, e.g. seizure-notice").endParam()
                .param().name("since").type(RestParamType.query).dataType("string").required(false)
                    .description("UTC date-time; default 30 days before until").endParam()
                .param().name("until").type(RestParamType.query).dataType("string").required(false)
                    .description("UTC date-time; default now").endParam()
                .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                    .description("at most this many (1 to 500, default 100)").endParam()
                .to(INBOX);
        refusals(rest);
        rest.get("/audit").id("rest-audit").security("basic")
                .description("Verify the hash-chained audit log against its anchor, and against a hub checkpoint"
                        + " when seq and entryHash are given. Role: auditor.")
                .produces(ApiRoutes.JSON).outType(AuditReportBody.class)
                .param().name("seq").type(RestParamType.query).dataType("integer").required(false).endParam()
                .param().name("entryHash").type(RestParamType.query).dataType("string").required(false).endParam()
                .param().name("recordedAt").type(RestParamType.query).dataType("string").required(false)
                    .endParam()
                .to(AUDIT);
        refusals(rest);
        rest.get("/audit/checkpoints").id("rest-audit-checkpoints").security("basic")
                .description("On the hub: the latest audit checkpoint of each node. Role: auditor.")
                .produces(ApiRoutes.JSON).outType(Checkpoint[].class).to(CHECKPOINTS);
        refusals(rest);
    }

    /** The regional picture over this node's store: seizure figures and the control-gap report. */
    static void picture(RestDefinition rest) {
        rest.get("/picture/seizures").id("rest-picture-seizures").security("basic")
                .description("Seizure figures from the seizure notices this node received: notices and total"
                        + " quantity per group and measure (g, mL, or each counted unit apart), single seizures apart"
                        + " from aggregated totals, a corrected notice replaced by its latest correction, with the"
                        + " notices behind each figure. Roles: focal-point, analyst.")
                .produces(ApiRoutes.JSON + ",text/csv").outType(SeizureFigure[].class)
                .param().name("groupBy").type(RestParamType.query).dataType("string").required(false)
                    .description("substance (default), group, country or month").endParam()
                .param().name("from").type(RestParamType.query).dataType("string").required(false)
                    .description("first seizure date, e.g. 2024-01-01").endParam()
                .param().name("to").type(RestParamType.query).dataType("string").required(false)
                    .description("last seizure date, inclusive").endParam()
                .param().name("sender").type(RestParamType.query).dataType("string").required(false)
                    .description("only notices of this node").endParam()
                .param().name("country").type(RestParamType.query).dataType("string").required(false)
                    .description("only seizures in this country (ISO 3166 alpha-2)").endParam()
                .param().name("format").type(RestParamType.query).dataType("string").required(false)
                    .description("json (default) or csv").endParam()
                .to(PICTURE_SEIZURES);
        refusals(rest);
        rest.get("/picture/control-gaps").id("rest-picture-control-gaps").security("basic")
                .description("Which members control each substance (table, since when) and which do not, the"
                        + " neighbours of the member that listed it last first, from the list-entry messages this"
                        + " node received: a baseline replaces a member's list, an amendment changes it."
                        + " Roles: focal-point, analyst.")
                .produces(ApiRoutes.JSON + ",text/csv").outType(ControlGap[].class)
                .param().name("substance").type(RestParamType.query).dataType("string").required(false)
                    .description("comma-separated names (synonyms match too); default every substance listed")
                    .endParam()
                .param().name("missingFor").type(RestParamType.query).dataType("string").required(false)
                    .description("a member: only what a neighbour of it controls and it does not").endParam()
                .param().name("format").type(RestParamType.query).dataType("string").required(false)
                    .description("json (default) or csv").endParam()
                .to(PICTURE_CONTROL_GAPS);
        refusals(rest);
        rest.get("/picture/alerts").id("rest-picture-alerts").security("basic")
                .description("The early-warning alerts this node received, each at its current version (the alert"
                        + " or its latest update); a cancelled alert, or one whose current version's expiresAt has"
                        + " passed, is left out unless include=all. Roles: focal-point, analyst.")
                .produces(ApiRoutes.JSON).outType(AlertItem[].class)
                .param().name("include").type(RestParamType.query).dataType("string").required(false)
                    .description("active (default) or all").endParam()
                .to(PICTURE_ALERTS);
        refusals(rest);
        rest.get("/picture/first-sightings").id("rest-picture-first-sightings").security("basic")
                .description("The first sighting of each substance this node has seen in a seizure notice or an"
                        + " early-warning, oldest first: on the hub, the first-sighting alert it sent to the region,"
                        + " or why it held one back for an analyst (the notice's handling). Roles: focal-point,"
                        + " analyst.")
                .produces(ApiRoutes.JSON + ",text/csv").outType(FirstSightingItem[].class)
                .param().name("status").type(RestParamType.query).dataType("string").required(false)
                    .description("actual (default), exercise or all").endParam()
                .param().name("format").type(RestParamType.query).dataType("string").required(false)
                    .description("json (default) or csv").endParam()
                .to(PICTURE_FIRST_SIGHTINGS);
        refusals(rest);
    }

    /** The quarantine and the dead-letter queue: auditors read the listings, admins act. */
    static void desks(RestDefinition rest) {
        rest.get("/quarantine").id("rest-quarantine").security("basic")
                .description("Rejected input, newest first: reason, delivering peer, size and SHA-256, never the"
                        + " bytes. Roles: auditor, admin.")
                .produces(ApiRoutes.JSON).outType(QuarantineItem[].class)
                .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                    .description("at most this many (1 to 500, default 100)").endParam()
                .param().name("before").type(RestParamType.query).dataType("integer").required(false)
                    .description("the last id of the previous page").endParam()
                .param().name("reasonCode").type(RestParamType.query).dataType("string").required(false).endParam()
                .param().name("peer").type(RestParamType.query).dataType("string").required(false)
                    .description("the delivering peer").endParam()
                .to(QUARANTINE);
        refusals(rest);
        rest.get("/quarantine/repeats").id("rest-quarantine-repeats").security("basic")
                .description("Rejections counted instead of kept: once a peer has had node.inbox."
                        + "peer-quarantine-per-hour messages of one reason quarantined in an hour, the rest of that"
                        + " hour's are counted here (first and last messageId and time), without their bytes."
                        + " Roles: auditor, admin.")
                .produces(ApiRoutes.JSON).outType(QuarantineRepeat[].class)
                .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                    .description("at most this many (1 to 500, default 100)").endParam()
                .to(QUARANTINE_REPEATS);
        refusals(rest);
        rest.get("/quarantine/{id}/raw").id("rest-quarantine-raw").security("basic")
                .description("The bytes of one quarantined message, as received. Role: admin.")
                .produces("application/octet-stream")
                .param().name("id").type(RestParamType.path).dataType("integer").endParam()
                .to(QUARANTINE_RAW);
        refusals(rest);
        rest.post("/quarantine/{id}/release").id("rest-quarantine-release").security("basic")
                .description("Audited: give the message to the inbox again, as from its delivering peer; it is"
                        + " checked afresh and quarantined anew if it fails again. Role: admin.")
                .produces(ApiRoutes.JSON).outType(ActionDone.class)
                .param().name("id").type(RestParamType.path).dataType("integer").endParam()
                .to(RELEASE);
        refusals(rest);
        rest.delete("/quarantine/{id}").id("rest-quarantine-delete").security("basic")
                .description("Audited: delete one quarantine entry. Role: admin.")
                .produces(ApiRoutes.JSON).outType(ActionDone.class)
                .param().name("id").type(RestParamType.path).dataType("integer").endParam()
                .to(DELETE_QUARANTINED);
        refusals(rest);
        rest.get("/dead-letter").id("rest-dead-letters").security("basic")
                .description("Messages the inbox gave up on after its redeliveries, oldest first, without their"
                        + " bytes. Roles: auditor, admin.")
                .produces(ApiRoutes.JSON).outType(DeadLetterItem[].class)
                .param().name("limit").type(RestParamType.query).dataType("integer").required(false).endParam()
                .to(DEAD_LETTERS);
        refusals(rest);
        rest.get("/dead-letter/{id}/raw").id("rest-dead-letter-raw").security("basic")
                .description("The bytes of one dead letter. Role: admin.").produces("application/octet-stream")
                .param().name("id").type(RestParamType.path).dataType("string").description("its JMS message id")
                    .endParam()
                .to(DEAD_LETTER_RAW);
        refusals(rest);
        rest.post("/dead-letter/{id}/retry").id("rest-dead-letter-retry").security("basic")
                .description("Audited: move a dead letter back to the address it failed on. Role: admin.")
                .produces(ApiRoutes.JSON).outType(ActionDone.class)
                .param().name("id").type(RestParamType.path).dataType("string").endParam()
                .to(RETRY);
        refusals(rest);
        rest.delete("/dead-letter/{id}").id("rest-dead-letter-delete").security("basic")
                .description("Audited: delete a dead letter. Role: admin.").produces(ApiRoutes.JSON)
                .outType(ActionDone.class)
                .param().name("id").type(RestParamType.path).dataType("string").endParam()
                .to(DISCARD);
        refusals(rest);
    }

    static void administration(RestDefinition rest) {
        rest.get("/users").id("rest-users").security("basic").description("API users and roles. Role: admin.")
                .produces(ApiRoutes.JSON).outType(UserBody[].class).to(USERS);
        refusals(rest);
        rest.post("/users").id("rest-add-user").security("basic")
                .description("Create an API user, or replace one's roles and password; the generated password is"
                        + " answered once. Role: admin.")
                .produces(ApiRoutes.JSON).type(NewUser.class)
                .responseMessage().code(201).message("created").responseModel(CreatedUser.class)
                    .endResponseMessage()
                .to(ADD_USER);
        refusals(rest);
        rest.delete("/users/{name}").id("rest-remove-user").security("basic")
                .description("Remove an API user. Role: admin.").produces(ApiRoutes.JSON)
                .param().name("name").type(RestParamType.path).dataType("string").endParam()
                .outType(ActionDone.class).to(REMOVE_USER);
        refusals(rest);
        rest.get("/units").id("rest-units").security("basic")
                .description("The customs units registered on this node: crossing points, kinds, organisation,"
                        + " clearance and the queue each reads. Roles: admin, auditor.")
                .produces(ApiRoutes.JSON).outType(UnitBody[].class).to(UNITS);
        refusals(rest);
        rest.post("/units").id("rest-add-unit").security("basic")
                .description("Register a customs unit, or replace one's crossing points, kinds, clearance and"
                        + " password: it gets a durable queue local.unit.<name> on the local port (AMQP 1.0 or"
                        + " core, TLS) that only it may read, with what is dispatched for its crossing points and"
                        + " kinds as far as its clearance goes; the generated password is answered once. Role: admin.")
                .produces(ApiRoutes.JSON).type(NewUnit.class)
                .responseMessage().code(201).message("registered").responseModel(UnitBody.class)
                    .endResponseMessage()
                .to(ADD_UNIT);
        refusals(rest);
        rest.delete("/units/{name}").id("rest-remove-unit").security("basic")
                .description("Remove a customs unit with its queue and what still waits there. Role: admin.")
                .produces(ApiRoutes.JSON)
                .param().name("name").type(RestParamType.path).dataType("string").endParam()
                .outType(ActionDone.class).to(REMOVE_UNIT);
        refusals(rest);
        rest.get("/units/{name}/deliveries").id("rest-unit-deliveries").security("basic")
                .description("What was put on the unit's queue, newest first, and when the unit acknowledged each."
                        + " Roles: admin, auditor.")
                .produces(ApiRoutes.JSON).outType(UnitDeliveryItem[].class)
                .param().name("name").type(RestParamType.path).dataType("string").endParam()
                .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                    .description("at most this many (1 to 500, default 100)").endParam()
                .to(UNIT_DELIVERIES);
        refusals(rest);
        rest.get("/me").id("rest-me").security("basic")
                .description("Who the signed-in user is: name, roles, a customs unit's crossing points, this node and"
                        + " its hub. Any role.")
                .produces(ApiRoutes.JSON).outType(MeBody.class).to(ME);
        refusals(rest);
        rest.get("/messages").id("rest-sent").security("basic")
                .description("This node's messages, newest first, each with every recipient's status; receipts and"
                        + " audit checkpoints only when asked for by kind. Roles: focal-point, auditor.")
                .produces(ApiRoutes.JSON).outType(SentItem[].class)
                .param().name("kind").type(RestParamType.query).dataType("string").required(false).endParam()
                .param().name("limit").type(RestParamType.query).dataType("integer").required(false)
                    .description("at most this many (1 to 500, default 100)").endParam()
                .to(SENT);
        refusals(rest);
        rest.get("/schemas/{kind}").id("rest-schema").security("basic")
                .description("The newest schema of a document kind this node writes, as one self-contained JSON"
                        + " Schema (references to the shared definitions made local), with its version in"
                        + " x-version: what a form is built from. Any role.")
                .produces(ApiRoutes.JSON)
                .param().name("kind").type(RestParamType.path).dataType("string").endParam()
                .to(SCHEMA);
        refusals(rest);
        rest.post("/inbox/{id}/acknowledge").id("rest-acknowledge").security("basic")
                .description("A customs unit acknowledges a pre-arrival warning put on its crossing point's queue, as"
                        + " its own client would; the warning's delivery then shows when. Role: customs-unit.")
                .produces(ApiRoutes.JSON)
                .param().name("id").type(RestParamType.path).dataType("string").endParam()
                .outType(UnitDeliveryItem.class).to(ACKNOWLEDGE);
        refusals(rest);
        rest.get("/directory").id("rest-directory").security("basic")
                .description("The member directory in force at this node: its version, when the hub issued it and"
                        + " will publish the next, every member with its endpoint and certificates (revoked or not),"
                        + " and the CRL it carries; version 0 before the first. Any role.")
                .produces(ApiRoutes.JSON).outType(DirectoryBody.class).to(DIRECTORY);
        refusals(rest);
        rest.put("/directory/members/{node}").id("rest-put-member").security("basic")
                .description("On the hub: add a member or replace its entry (certificates after a rotation, a new"
                        + " endpoint) and publish the next directory version to every member at once. Body:"
                        + " {certificates: {tls, signing, encryption} as PEM or base64 DER, endpoint?: {host, port},"
                        + " name?, organisation?}; each certificate must chain to the regional root and name the node."
                        + " Role: admin.")
                .produces(ApiRoutes.JSON)
                .param().name("node").type(RestParamType.path).dataType("string").endParam()
                .outType(DirectoryBody.class).to(PUT_MEMBER);
        refusals(rest);
        rest.delete("/directory/members/{node}").id("rest-remove-member").security("basic")
                .description("On the hub: remove a member and publish the next directory version; REGIONAL no"
                        + " longer includes it and nothing is sealed for it. Role: admin.")
                .produces(ApiRoutes.JSON)
                .param().name("node").type(RestParamType.path).dataType("string").endParam()
                .outType(DirectoryBody.class).to(REMOVE_MEMBER);
        refusals(rest);
        rest.post("/directory/publish").id("rest-publish-directory").security("basic")
                .description("On the hub: publish the next directory version now, with the CRL in use (after `certs"
                        + " revoke`, instead of waiting for the next check). Role: admin.")
                .produces(ApiRoutes.JSON).outType(DirectoryBody.class).to(PUBLISH_DIRECTORY);
        refusals(rest);
        rest.get("/openapi.json").id("rest-openapi").security("basic")
                .description("This document. Any role.").produces(ApiRoutes.JSON).to(OPENAPI);
        refusals(rest);
    }

    /** Outside {@code /api/v1}: health for operators, liveness for anyone, metrics for Prometheus. */
    static void vitals(RestDefinition rest) {
        rest.get("/health").id("rest-health").security("basic")
                .description("Broker, database, CRL and peers; 503 when the broker or database is down. Any role.")
                .produces(ApiRoutes.JSON).outType(HealthBody.class).to(HEALTH);
        refusals(rest);
        rest.get("/health/live").id("rest-liveness")
                .description("Liveness: the process answers. The one anonymous operation.")
                .produces(ApiRoutes.JSON).outType(Liveness.class).to(LIVENESS);
        rest.get("/metrics").id("rest-metrics").security("basic")
                .description("Prometheus metrics. Roles: auditor, admin.").produces("text/plain").to(METRICS);
        refusals(rest);
    }

    /** The answers every authenticated operation may give besides its own. */
    private static void refusals(RestDefinition rest) {
        rest.responseMessage().code(401).message("no or wrong credentials").responseModel(Problem.class)
                .endResponseMessage()
            .responseMessage().code(403).message("the user's roles do not allow this")
                .responseModel(Problem.class).endResponseMessage();
    }
}
