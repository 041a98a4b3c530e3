/**
 * Message protection with CMS (RFC 5652, RFC 5083): sign the {header, document} bytes, encrypt them for every
 * recipient, and the reverse. Keys stay behind {@link org.regionalexchange.node.crypto.NodeKeyring}. Bouncy Castle
 * and JCA exceptions end here as {@link org.regionalexchange.node.failure.RejectedMessageException} or
 * {@link org.regionalexchange.node.crypto.ProtectionSetupException}. Must not import Camel or the broker.
 */
package org.regionalexchange.node.crypto;
