package org.regionalexchange.node.api;

import java.util.List;
import java.util.Map;

/**
 * A body of the REST API (see {@link ApiContract}): one substance of the control-gap report.
 *
 * @param controlledBy jurisdiction to how it controls the substance
 * @param listedLast the member whose control started last, null when nobody controls it
 * @param notControlledBy members without it, the neighbours of listedLast first
 */
public record ControlGap(String substance, String key, Map<String, Control> controlledBy, String listedLast,
        List<String> notControlledBy) {

    /** @param since the first day controlled, or "unknown" */
    public record Control(String table, String category, String since, String messageId) {}
}
