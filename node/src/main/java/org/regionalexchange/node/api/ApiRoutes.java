package org.regionalexchange.node.api;

import static org.regionalexchange.node.api.Role.ADMIN;
import static org.regionalexchange.node.api.Role.ANALYST;
import static org.regionalexchange.node.api.Role.AUDITOR;
import static org.regionalexchange.node.api.Role.CUSTOMS_UNIT;
import static org.regionalexchange.node.api.Role.FOCAL_POINT;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.openapi.RestOpenApiProcessor;
import org.regionalexchange.node.outbox.InvalidSubmissionException;
import org.regionalexchange.node.outbox.OutboxRoutes;
import org.regionalexchange.node.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge as a contract: Camel's Rest DSL on platform-http declares every operation with its roles, bodies and
 * answers (and so the OpenAPI document at {@code /api/v1/openapi.json}); each operation runs in a direct route that
 * first authenticates and authorises ({@link ApiGuard}), then does one thing. Every refusal is an RFC 9457 problem
 * body; nothing internal (a stack trace, a Camel class) is ever answered. Only {@code /health/live} is anonymous.
 */
public final class ApiRoutes extends RouteBuilder {

    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";
    static final String CSV = "text/csv; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    private final NodeApi api;
    private final OperatorDesks desks;
    private final UserAccounts accounts;
    private final UnitAccounts units;
    private final DirectoryDesk directory;
    private final UserDesk userDesk;
    private final ApiGuard guard;
    private final String nodeId;
    private final RegionalPicture picture;

    public ApiRoutes(NodeApi api, OperatorDesks desks, UserAccounts accounts, UnitAccounts units, ApiGuard guard,
            String nodeId, RegionalPicture picture, DirectoryDesk directory, UserDesk userDesk) {
        this.userDesk = userDesk;
        this.units = units;
        this.directory = directory;
        this.picture = picture;
        this.api = api;
        this.desks = desks;
        this.accounts = accounts;
        this.guard = guard;
        this.nodeId = nodeId;
    }

    @Override
    public void configure() {
        errors();
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off);
        RestDefinition v1 = rest("/api/v1").description("The node's API: submit, follow, read, audit, administer.");
        v1.securityDefinitions().basicAuth("basic", "HTTP Basic over TLS with a user of this node (`node users`)")
                .end();
        ApiContract.messages(v1);
        ApiContract.reading(v1);
        ApiContract.picture(v1);
        ApiContract.desks(v1);
        ApiContract.administration(v1);
        ApiContract.vitals(rest());
        routes();
    }

    private void errors() {
        onException(ApiProblem.class).handled(true).process(this::problem);
        onException(InvalidSubmissionException.class).handled(true).process(exchange -> {
            InvalidSubmissionException invalid = cause(exchange, InvalidSubmissionException.class);
            respond(exchange, 400, PROBLEM);
            exchange.getIn().setBody(NodeApi.violations(invalid));
        });
        onException(StoreUnavailableException.class).handled(true).process(exchange -> {
            exchange.getIn().setHeader("Retry-After", "30");
            answer(exchange, new ApiProblem(503, "Service Unavailable", "the node's database is not answering:"
                    + " nothing was stored; retry in 30 s"));
        });
        onException(Exception.class).handled(true).process(exchange -> {
            Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            LOG.error("API {} {} failed", exchange.getIn().getHeader(Exchange.HTTP_METHOD),
                    exchange.getIn().getHeader(Exchange.HTTP_PATH), cause);
            answer(exchange, new ApiProblem(500, "Internal Server Error",
                    "the node could not answer this request; its log has the cause"));
        });
    }

    private void problem(Exchange exchange) {
        ApiProblem problem = cause(exchange, ApiProblem.class);
        if (problem.status() == 401) {
            exchange.getIn().setHeader("WWW-Authenticate", guard.challenge());
        }
        answer(exchange, problem);
    }

    /** The exception of this type in the caught one's causes: a bean call wraps what the bean threw. */
    private static <T extends Throwable> T cause(Exchange exchange, Class<T> type) {
        for (Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class); cause != null;
                cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new IllegalStateException("no " + type.getSimpleName() + " in the exception caught");
    }

    private static void answer(Exchange exchange, ApiProblem problem) {
        respond(exchange, problem.status(), PROBLEM);
        exchange.getIn().setBody(NodeApi.write(problem.body()));
    }

    private void routes() {
        from(ApiContract.SUBMIT).routeId("api-submit")
                .process(guard.allow(FOCAL_POINT, CUSTOMS_UNIT))
                .process(ApiRoutes::requireJson)
                .convertBodyTo(String.class)
                .bean(api, "submission(${body}, ${exchangeProperty." + ApiGuard.USER + "})")
                .to(OutboxRoutes.SUBMIT)
                .setBody(method(api, "accepted"))
                .process(json(202));

        from(ApiContract.STATUS).routeId("api-status")
                .process(guard.allow(FOCAL_POINT, AUDITOR))
                .setBody(method(api, "status(${header.id})"))
                .process(ApiRoutes::foundOr404)
                .process(json(200));

        from(ApiContract.DELIVERY_SUMMARY).routeId("api-delivery-summary")
                .process(guard.allow(FOCAL_POINT, AUDITOR))
                .setBody(method(api, "deliverySummary"))
                .process(json(200));

        from(ApiContract.INBOX).routeId("api-inbox")
                .process(guard.allow(FOCAL_POINT, ANALYST, CUSTOMS_UNIT))
                .setBody(method(api, "inboxFor(${exchangeProperty." + ApiGuard.USER
                        + "}, ${header.kind}, ${header.since}, ${header.until}, ${header.limit})"))
                .process(json(200));

        from(ApiContract.PICTURE_SEIZURES).routeId("api-picture-seizures")
                .process(guard.allow(FOCAL_POINT, ANALYST))
                .setBody(method(picture, "seizures(${header.groupBy}, ${header.from}, ${header.to},"
                        + " ${header.sender}, ${header.country}, ${header.format})"))
                .process(e -> respond(e, 200, "csv".equals(e.getIn().getHeader("format")) ? CSV : JSON));
        from(ApiContract.PICTURE_CONTROL_GAPS).routeId("api-picture-control-gaps")
                .process(guard.allow(FOCAL_POINT, ANALYST))
                .setBody(method(picture, "controlGaps(${header.substance}, ${header.missingFor}, ${header.format})"))
                .process(e -> respond(e, 200, "csv".equals(e.getIn().getHeader("format")) ? CSV : JSON));

        from(ApiContract.PICTURE_ALERTS).routeId("api-picture-alerts")
                .process(guard.allow(FOCAL_POINT, ANALYST))
                .setBody(method(picture, "alerts(${header.include})"))
                .process(json(200));
        from(ApiContract.PICTURE_FIRST_SIGHTINGS).routeId("api-picture-first-sightings")
                .process(guard.allow(FOCAL_POINT, ANALYST))
                .setBody(method(picture, "firstSightings(${header.status}, ${header.format})"))
                .process(e -> respond(e, 200, "csv".equals(e.getIn().getHeader("format")) ? CSV : JSON));

        deskRoutes();

        from(ApiContract.AUDIT).routeId("api-audit")
                .process(guard.allow(AUDITOR))
                .setBody(method(api, "audit(${header.seq}, ${header.entryHash}, ${header.recordedAt})"))
                .process(json(200));

        from(ApiContract.CHECKPOINTS).routeId("api-audit-checkpoints")
                .process(guard.allow(AUDITOR))
                .setBody(method(api, "checkpoints"))
                .process(json(200));

        from(ApiContract.USERS).routeId("api-users")
                .process(guard.allow(ADMIN))
                .setBody(method(accounts, "list"))
                .process(json(200));

        from(ApiContract.ADD_USER).routeId("api-add-user")
                .process(guard.allow(ADMIN))
                .process(ApiRoutes::requireJson)
                .convertBodyTo(String.class)
                .setBody(method(accounts, "create(${body}, ${exchangeProperty." + ApiGuard.USER + "})"))
                .process(json(201));

        from(ApiContract.REMOVE_USER).routeId("api-remove-user")
                .process(guard.allow(ADMIN))
                .setBody(method(accounts, "remove(${header.name}, ${exchangeProperty." + ApiGuard.USER + "})"))
                .process(json(200));

        from(ApiContract.UNITS).routeId("api-units")
                .process(guard.allow(ADMIN, AUDITOR))
                .setBody(method(units, "list"))
                .process(json(200));
        from(ApiContract.ADD_UNIT).routeId("api-add-unit")
                .process(guard.allow(ADMIN))
                .process(ApiRoutes::requireJson)
                .convertBodyTo(String.class)
                .setBody(method(units, "register(${body}, ${exchangeProperty." + ApiGuard.USER + "})"))
                .process(json(201));
        from(ApiContract.REMOVE_UNIT).routeId("api-remove-unit")
                .process(guard.allow(ADMIN))
                .setBody(method(units, "remove(${header.name}, ${exchangeProperty." + ApiGuard.USER + "})"))
                .process(json(200));
        from(ApiContract.UNIT_DELIVERIES).routeId("api-unit-deliveries")
                .process(guard.allow(ADMIN, AUDITOR))
                .setBody(method(units, "deliveries(${header.name}, ${header.limit})"))
                .process(json(200));

        from(ApiContract.ME).routeId("api-me")
                .process(guard.allow(Role.values()))
                .setBody(method(userDesk, "me(${exchangeProperty." + ApiGuard.USER + "})"))
                .process(json(200));
        from(ApiContract.SENT).routeId("api-sent")
                .process(guard.allow(FOCAL_POINT, AUDITOR))
                .setBody(method(userDesk, "sent(${header.kind}, ${header.limit})"))
                .process(json(200));
        from(ApiContract.SCHEMA).routeId("api-schema")
                .process(guard.allow(Role.values()))
                .setBody(method(userDesk, "schema(${header.kind})"))
                .process(json(200));
        from(ApiContract.ACKNOWLEDGE).routeId("api-acknowledge")
                .process(guard.allow(Role.CUSTOMS_UNIT))
                .setBody(method(userDesk, "acknowledge(${exchangeProperty." + ApiGuard.USER + "}, ${header.id})"))
                .process(json(200));
        from(ApiContract.DIRECTORY).routeId("api-directory")
                .process(guard.allow(Role.values()))
                .setBody(method(directory, "view"))
                .process(json(200));
        from(ApiContract.PUT_MEMBER).routeId("api-put-member")
                .process(guard.allow(ADMIN))
                .process(ApiRoutes::requireJson)
                .convertBodyTo(String.class)
                .setBody(method(directory, "putMember(${header.node}, ${body}, ${exchangeProperty." + ApiGuard.USER
                        + "})"))
                .process(json(200));
        from(ApiContract.REMOVE_MEMBER).routeId("api-remove-member")
                .process(guard.allow(ADMIN))
                .setBody(method(directory, "removeMember(${header.node}, ${exchangeProperty." + ApiGuard.USER + "})"))
                .process(json(200));
        from(ApiContract.PUBLISH_DIRECTORY).routeId("api-publish-directory")
                .process(guard.allow(ADMIN))
                .setBody(method(directory, "publish(${exchangeProperty." + ApiGuard.USER + "})"))
                .process(json(200));

        from(ApiContract.OPENAPI).routeId("api-openapi")
                .process(guard.allow(Role.values()))
                .process(openApi())
                .process(ApiRoutes::relativeToEachNode)
                .process(json(200));

        from(ApiContract.HEALTH).routeId("api-health")
                .process(guard.allow(Role.values()))
                .setBody(method(api, "healthReport"))
                .process(e -> respond(e, e.getIn().getBody(Health.Report.class).up() ? 200 : 503, JSON))
                .setBody(method(api, "health(${body})"));

        from(ApiContract.LIVENESS).routeId("api-liveness")
                .setBody(constant(NodeApi.write(new Liveness("UP"))))
                .process(json(200));

        from(ApiContract.METRICS).routeId("api-metrics")
                .process(guard.allow(AUDITOR, ADMIN))
                .setBody(method(api, "metrics"))
                .process(e -> respond(e, 200, "text/plain; version=0.0.4"));
    }

    private void deskRoutes() {
        String admin = "${exchangeProperty." + ApiGuard.USER + "}";
        from(ApiContract.QUARANTINE).routeId("api-quarantine")
                .process(guard.allow(AUDITOR, ADMIN))
                .setBody(method(desks, "quarantine(${header.limit}, ${header.before}, ${header.reasonCode},"
                        + " ${header.peer})"))
                .process(json(200));
        from(ApiContract.QUARANTINE_REPEATS).routeId("api-quarantine-repeats")
                .process(guard.allow(AUDITOR, ADMIN))
                .setBody(method(desks, "repeats(${header.limit})"))
                .process(json(200));
        from(ApiContract.QUARANTINE_RAW).routeId("api-quarantine-raw")
                .process(guard.allow(ADMIN))
                .setBody(method(desks, "quarantined(${header.id})"))
                .process(e -> respond(e, 200, "application/octet-stream"));
        from(ApiContract.RELEASE).routeId("api-quarantine-release")
                .process(guard.allow(ADMIN))
                .setBody(method(desks, "release(${header.id}, " + admin + ")"))
                .process(json(200));
        from(ApiContract.DELETE_QUARANTINED).routeId("api-quarantine-delete")
                .process(guard.allow(ADMIN))
                .setBody(method(desks, "delete(${header.id}, " + admin + ")"))
                .process(json(200));
        from(ApiContract.DEAD_LETTERS).routeId("api-dead-letters")
                .process(guard.allow(AUDITOR, ADMIN))
                .setBody(method(desks, "deadLetters(${header.limit})"))
                .process(json(200));
        from(ApiContract.DEAD_LETTER_RAW).routeId("api-dead-letter-raw")
                .process(guard.allow(ADMIN))
                .setBody(method(desks, "deadLetter(${header.id})"))
                .process(e -> respond(e, 200, "application/octet-stream"));
        from(ApiContract.RETRY).routeId("api-dead-letter-retry")
                .process(guard.allow(ADMIN))
                .setBody(method(desks, "retry(${header.id}, " + admin + ")"))
                .process(json(200));
        from(ApiContract.DISCARD).routeId("api-dead-letter-delete")
                .process(guard.allow(ADMIN))
                .setBody(method(desks, "discard(${header.id}, " + admin + ")"))
                .process(json(200));
    }

    /** The generator of the OpenAPI 3.1 document from the Rest DSL declarations of {@link ApiContract}. */
    private Processor openApi() {
        java.util.Map<String, Object> properties = new java.util.HashMap<>();
        properties.put("openapi.version", "3.1.0");
        properties.put("api.title", "regional-exchange node API");
        properties.put("api.version", "1");
        // Declared for the document only: the routes check the media type themselves, so a wrong one gets a
        // problem body rather than the HTTP server's empty 415.
        properties.put("api.default.consumes", JSON);
        properties.put("api.default.produces", JSON);
        properties.put("api.description", "The REST API of a regional-exchange node (" + nodeId + " here):"
                + " HTTP Basic over TLS; every operation but /health/live needs a user with one of its roles.");
        RestOpenApiProcessor processor = new RestOpenApiProcessor(properties, getContext().getRestConfiguration());
        processor.setCamelContext(getContext());
        return processor;
    }

    /**
     * Drops the generated {@code servers} entry (the generator knows no host): without it, OpenAPI resolves every
     * path against the URL the document was fetched from, which is right for every node.
     */
    private static void relativeToEachNode(Exchange exchange) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode document = (com.fasterxml.jackson.databind.node.ObjectNode)
                mapper.readTree(exchange.getIn().getBody(String.class));
        document.remove("servers");
        exchange.getIn().setBody(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    }

    /** 415 unless the body is declared JSON: a body of unknown type is never guessed at. */
    static void requireJson(Exchange exchange) {
        String type = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class);
        String media = type == null ? "" : type.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        if (!media.equals(JSON)) {
            throw new ApiProblem(415, "Unsupported Media Type", (type == null ? "no Content-Type"
                    : "Content-Type " + type) + ": send the body as " + JSON);
        }
    }

    private static void foundOr404(Exchange exchange) {
        if (exchange.getIn().getBody() == null) {
            throw ApiProblem.notFound("no message " + exchange.getIn().getHeader("id") + " was sent by this node");
        }
    }

    private static Processor json(int status) {
        return exchange -> respond(exchange, status, JSON);
    }

    /**
     * Sets status and type and drops every other header: the HTTP server would otherwise echo the request's headers,
     * query and form fields back as response headers (and fails on a form field that is no valid header name).
     */
    private static void respond(Exchange exchange, int status, String contentType) {
        exchange.getIn().removeHeaders("*", "WWW-Authenticate", "Retry-After");
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, contentType);
    }
}
