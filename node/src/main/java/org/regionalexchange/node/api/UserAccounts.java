package org.regionalexchange.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /api/v1/users}: an admin lists, creates (with a generated password, shown once) and removes API users. */
public final class UserAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(UserAccounts.class);

    private final ApiUsers users;

    public UserAccounts(ApiUsers users) {
        this.users = users;
    }

    public String list() {
        return NodeApi.write(users.list().stream().map(UserAccounts::body).toList());
    }

    /** @throws ApiProblem 400 naming the field that is wrong */
    public String create(String json, ApiUser admin) {
        JsonNode body = RequestBodies.object(json, "{name, roles, units?}");
        String name = body.path("name").asText(null);
        Set<Role> roles = new LinkedHashSet<>();
        List<String> roleIds = RequestBodies.texts(body, "roles");
        for (int i = 0; i < roleIds.size(); i++) {
            try {
                roles.add(Role.fromId(roleIds.get(i)));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("/roles/" + i, e.getMessage());
            }
        }
        Set<String> units = new LinkedHashSet<>(RequestBodies.texts(body, "units"));
        char[] password;
        try {
            password = users.add(name, roles, units);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("", e.getMessage());
        }
        LOG.info("API user {} ({}) created or replaced by {}", name, roleIds, admin.name());
        UserBody created = body(new ApiUser(name, roles, units));
        return NodeApi.write(new CreatedUser(created.name(), created.roles(), created.units(),
                new String(password)));
    }

    /** @throws ApiProblem 404 when there is no such user */
    public String remove(String name, ApiUser admin) {
        if (name.equals(admin.name())) {
            throw ApiProblem.badRequest("", "an admin cannot remove its own user; ask another admin");
        }
        if (!users.remove(name)) {
            throw ApiProblem.notFound("no API user " + name);
        }
        LOG.info("API user {} removed by {}", name, admin.name());
        return NodeApi.write(new ActionDone("removed", "user " + name, admin.name()));
    }


    private static UserBody body(ApiUser user) {
        return new UserBody(user.name(), user.roles().stream().sorted().map(Role::id).toList(),
                user.units().stream().sorted().toList());
    }
}
