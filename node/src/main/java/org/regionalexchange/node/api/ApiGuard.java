package org.regionalexchange.node.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Authenticates every API request (HTTP Basic over TLS, against {@link ApiUsers}) and admits it only when the user
 * holds one of the route's roles. The credentials are removed from the exchange at once so that nothing downstream
 * (a JMS message, a log line) can carry them.
 */
public final class ApiGuard {

    /** The exchange property holding the authenticated {@link ApiUser}. */
    public static final String USER = "rxApiUser";
    private static final String AUTHORIZATION = "Authorization";

    private final ApiUsers users;
    private final String realm;

    public ApiGuard(ApiUsers users, String nodeId) {
        this.users = users;
        this.realm = "regional-exchange " + nodeId;
    }

    public String challenge() {
        return "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
    }

    /** A step that lets the request on only for a user with one of these roles. */
    public Processor allow(Role... roles) {
        Set<Role> admitted = EnumSet.copyOf(Arrays.asList(roles));
        String names = admitted.stream().map(Role::id).collect(Collectors.joining(" or "));
        return exchange -> {
            ApiUser user = authenticate(exchange);
            if (user.roles().stream().noneMatch(admitted::contains)) {
                throw ApiProblem.forbidden("user " + user.name() + " (" + user.roles().stream().map(Role::id)
                        .collect(Collectors.joining(", ")) + ") may not do this: it needs the role " + names);
            }
            exchange.setProperty(USER, user);
        };
    }

    /** The user of an exchange that passed {@link #allow}. */
    public static ApiUser user(Exchange exchange) {
        return exchange.getProperty(USER, ApiUser.class);
    }

    private ApiUser authenticate(Exchange exchange) {
        String header = exchange.getIn().getHeader(AUTHORIZATION, String.class);
        exchange.getIn().removeHeader(AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw ApiProblem.unauthorized(users.isEmpty()
                    ? "this node has no API users yet: create one with `node users add --config FILE --name NAME"
                            + " --role ROLE`, then sign in with HTTP Basic"
                    : "sign in with HTTP Basic (user name and password from this node's API users)");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.unauthorized("the Authorization header is not base64 of name:password");
        }
        int colon = decoded.indexOf(':');
        if (colon < 1) {
            throw ApiProblem.unauthorized("the Authorization header is not base64 of name:password");
        }
        Optional<ApiUser> user = users.authenticate(decoded.substring(0, colon),
                decoded.substring(colon + 1).toCharArray());
        return user.orElseThrow(() -> ApiProblem.unauthorized("unknown user or wrong password"));
    }
}
