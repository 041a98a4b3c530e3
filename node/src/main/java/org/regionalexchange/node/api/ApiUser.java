package org.regionalexchange.node.api;

import java.util.Set;

/**
 * An authenticated API user.
 *
 * @param units the crossing points (UN/LOCODE or agreed code, e.g. {@code UZ-ALAT}) a customs unit serves; empty for
 *     the other roles
 */
public record ApiUser(String name, Set<Role> roles, Set<String> units) {

    public ApiUser {
        roles = Set.copyOf(roles);
        units = Set.copyOf(units);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
