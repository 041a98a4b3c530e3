/**
 * What the node's log lines carry besides their text: the messageId of the message a line is about, in the MDC
 * under {@value org.regionalexchange.node.logging.MessageLog#KEY}, so that both the plain and the JSON format
 * (logback.xml, {@code NODE_LOG_FORMAT}) show it. Depends on nothing else of the node.
 */
package org.regionalexchange.node.logging;
