/**
 * The regional picture a node builds from its own store: seizure figures by substance, group, country and month
 * (single seizures apart from aggregated totals, only the latest correction of a notice counted, quantities in
 * grams or millilitres where the unit allows and counted units apart), and which members control each substance
 * (baselines replace a member's list, amendments change it). CARICC, which receives every regional notice, sees the
 * whole region; any other node sees what reached it.
 */
package org.regionalexchange.node.picture;
