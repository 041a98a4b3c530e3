package org.regionalexchange.node.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an API user may do; a user holds one or more. Each HTTP route names the roles it admits. */
public enum Role {
    /** Submits documents; follows this node's sent messages; reads the inbox. */
    FOCAL_POINT,
    /** Reads the inbox and the regional views. */
    ANALYST,
    /** Reads the pre-arrival warnings for its own crossing points; submits outcome reports. */
    CUSTOMS_UNIT,
    /** Reads the audit log, the quarantine and dead-letter listings, and the metrics. */
    AUDITOR,
    /** Releases and deletes quarantine and dead-letter entries; manages the API users. */
    ADMIN;

    /** The role's name in the users file and in answers, e.g. {@code focal-point}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the known roles */
    public static Role fromId(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "': use one of "
                + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")));
    }
}
