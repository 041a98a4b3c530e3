package org.regionalexchange.node.api;

import java.util.List;

/** The answer to {@code POST /api/v1/users}: the password is shown this once; only its hash is kept. */
public record CreatedUser(String name, List<String> roles, List<String> units, String password) {}
