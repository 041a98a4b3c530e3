/**
 * Outbound: a submitted document is validated, given a header, sealed, recorded and queued per next hop; delivery
 * then moves each queued envelope from the durable per-peer outbox to the peer's inbox. Sealing is delegated to
 * {@code crypto}; this package holds no keys.
 */
package org.regionalexchange.node.outbox;
