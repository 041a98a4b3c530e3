package org.regionalexchange.node.bench;

/**
 * One measured figure of one phase, e.g. seal+open with 3 recipients on 2 threads: 812 msg/s.
 *
 * @param phase the phase's id: crypto, broker or pipeline
 * @param name what was measured, as the report's table shows it
 * @param value the figure
 * @param unit e.g. msg/s, s, notices
 */
public record Figure(String phase, String name, double value, String unit) {}
