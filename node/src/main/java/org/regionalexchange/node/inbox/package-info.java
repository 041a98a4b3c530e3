/**
 * Inbound: envelopes taken from this node's inbox are relayed unchanged to the next hop when they are meant for
 * others, and opened, checked against their schema and the message rules ({@code rules}), deduplicated, stored and
 * dispatched to local subscribers when they are meant for this node, which then answers with a signed receipt.
 */
package org.regionalexchange.node.inbox;
