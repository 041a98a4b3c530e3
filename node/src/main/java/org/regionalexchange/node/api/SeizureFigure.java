package org.regionalexchange.node.api;

import java.util.List;

/**
 * A body of the REST API (see {@link ApiContract}): one figure of the regional picture.
 *
 * @param reportType single or aggregated: never added together
 * @param measure g, mL, or a counted unit such as tablets
 * @param messageIds the notices behind the figure
 */
public record SeizureFigure(String reportType, String key, String label, String measure, int notices, double total,
        List<String> messageIds) {}
