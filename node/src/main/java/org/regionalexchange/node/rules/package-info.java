/**
 * The checks after the schema, in one place for the inbox, REST and local submission, and the offline {@code open}
 * and {@code seal} commands: that the signed header addresses this node, that the signing time is not ahead of the
 * clock, that an early-warning update or cancellation is of an alert its own sender sent and this node knows, and
 * that dates and amounts are plausible. Each broken rule comes back as a JSON pointer, a message and a reason code.
 * Pure functions of the message, the node's id, region and clock, and a {@link
 * org.regionalexchange.node.rules.KnownMessages} look-up; must not import Camel, the broker or the store.
 */
package org.regionalexchange.node.rules;
