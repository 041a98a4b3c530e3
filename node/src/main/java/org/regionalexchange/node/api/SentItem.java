package org.regionalexchange.node.api;

import java.util.List;

/** A body of the REST API (see {@link ApiContract}): one message this node sent, with each recipient's status. */
public record SentItem(String messageId, String kind, String createdAt, String handling, List<RecipientRow> recipients) {}
