/**
 * The one error model for messages: the reasons a message is rejected and the exception that carries them.
 * Imported by every feature; imports nothing of the node.
 */
package org.regionalexchange.node.failure;
