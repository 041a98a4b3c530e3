package org.regionalexchange.node.api;

import java.util.List;

/** A body of the REST API (see {@link ApiContract}). */
public record MessageStatus(String messageId, List<RecipientRow> recipients) {}
