package org.regionalexchange.node.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.regionalexchange.node.api.ApiUser;
import org.regionalexchange.node.api.ApiUsers;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.wiring.SettingsReader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Manages a node's API users on its own machine (the first admin is made here; later ones also by
 * {@code POST /api/v1/users}). A running node picks changes up at the next request.
 */
@Command(name = "users",
        description = "Add, list or remove the API users of a node: users add|list|remove.")
public final class UsersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "add, list or remove")
    String action;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    static final class Where {
        @Option(names = "--config", description = "The node's application.properties (its node.http.users-file).")
        Path config;
        @Option(names = "--file", description = "The users file itself.")
        Path file;
    }

    @Option(names = "--name", description = "The user's name (lower case).")
    String name;

    @Option(names = "--role", split = ",", description = "focal-point, analyst, customs-unit, auditor, admin.")
    List<String> roles = List.of();

    @Option(names = "--unit", split = ",", description = "A customs unit's crossing points, e.g. UZ-ALAT.")
    List<String> units = List.of();

    @Option(names = "--password-file", description = "Set this password (at least 12 characters) instead of a"
            + " generated one.")
    Path passwordFile;

    @Override
    public Integer call() throws IOException {
        ApiUsers users = new ApiUsers(where.file != null ? where.file
                : SettingsReader.read(where.config).http().usersFile());
        PrintWriter out = spec.commandLine().getOut();
        switch (action) {
            case "list" -> users.list().forEach(user -> out.println(describe(user)));
            case "add" -> add(users, out);
            case "remove" -> {
                if (!users.remove(required())) {
                    spec.commandLine().getErr().println("no user " + name + " in " + users.file());
                    return 1;
                }
                out.println("removed " + name + " from " + users.file());
            }
            default -> throw new IllegalArgumentException("unknown action '" + action + "': use add, list or remove");
        }
        return 0;
    }

    private void add(ApiUsers users, PrintWriter out) throws IOException {
        Set<Role> parsed = new LinkedHashSet<>();
        roles.forEach(role -> parsed.add(Role.fromId(role)));
        Set<String> crossingPoints = new LinkedHashSet<>(units);
        if (passwordFile != null) {
            users.add(required(), parsed, crossingPoints,
                    Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray());
            out.println("added " + name + " to " + users.file() + " with the password from " + passwordFile);
        } else {
            char[] password = users.add(required(), parsed, crossingPoints);
            out.println("added " + name + " to " + users.file() + "; its password (shown once): "
                    + new String(password));
        }
    }

    private String required() {
        if (name == null) {
            throw new IllegalArgumentException("--name is required for " + action);
        }
        return name;
    }

    private static String describe(ApiUser user) {
        return user.name() + "  " + String.join(",", user.roles().stream().sorted().map(Role::id).toList())
                + (user.units().isEmpty() ? "" : "  " + String.join(",", user.units()));
    }
}
