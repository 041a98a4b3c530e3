/**
 * Customs units and handling codes: the units registered on this node with their crossing points, kinds and
 * clearance ({@code UnitRegistry}), which of them gets a received message under its TLP 2.0 code ({@code UnitRouting},
 * {@code Tlp}), the dispatch to their queues, and the outcome reports they may hand back ({@code UnitSubmissions}).
 */
package org.regionalexchange.node.units;
