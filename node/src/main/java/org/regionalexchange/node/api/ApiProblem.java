package org.regionalexchange.node.api;

import java.util.List;

/**
 * A request the API refuses, with the HTTP status and what to do about it; answered as an RFC 9457 problem body.
 * Never carries a stack trace or internals.
 */
public final class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Violation> violations;

    public ApiProblem(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ApiProblem(int status, String title, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "Unauthorized", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "Forbidden", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not Found", detail);
    }

    /** The request is allowed but this node's state does not admit it (for example: only the hub does that). */
    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail);
    }

    public static ApiProblem badRequest(String pointer, String message) {
        return new ApiProblem(400, "Bad Request", message, List.of(new Violation(pointer, message)));
    }

    public int status() {
        return status;
    }

    public Problem body() {
        String slug = title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        return new Problem("https://schemas.regional-exchange.org/problems/" + slug, title, status,
                getMessage(), violations);
    }
}
