package org.regionalexchange.node.api;

import java.util.List;

/** {@code POST /api/v1/users}: a new user, or new roles and password for an existing one. */
public record NewUser(String name, List<String> roles, List<String> units) {}
