/**
 * The node's HTTP interface under {@code /api/v1}, {@code /health} and {@code /metrics}: submit, status per
 * recipient, inbox, quarantine, and the node's vital signs. Reads the store; sends only through the outbound route.
 */
package org.regionalexchange.node.api;
