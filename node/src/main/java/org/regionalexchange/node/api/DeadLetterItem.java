package org.regionalexchange.node.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A message the inbox gave up on after its redeliveries, without its bytes; {@code id} is the JMS message id.
 * Artemis keeps where it failed ({@code originalAddress}), not why: the node's log has the cause.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterItem(String id, String originalAddress, String deliveringPeer, String messageId,
        String sender, long size, String sha256, String sentAt) {}
