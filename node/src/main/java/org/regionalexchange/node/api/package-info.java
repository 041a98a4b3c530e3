/**
 * The node's HTTP interface under {@code /api/v1}, {@code /health} and {@code /metrics}: submit, status per
 * recipient, inbox, quarantine, the audit chain (on the hub also the other nodes' audit checkpoints), and the node's
 * vital signs. Reads the store; sends only through the outbound route.
 */
package org.regionalexchange.node.api;
