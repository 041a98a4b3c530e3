/**
 * The embedded Artemis broker: its acceptors (mutual-TLS peers, local subscribers, in-VM for the node itself),
 * address names and the access policy. Knows nothing of messages' contents; must not import Camel.
 */
package org.regionalexchange.node.broker;
