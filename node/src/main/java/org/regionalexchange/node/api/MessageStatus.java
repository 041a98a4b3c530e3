package org.regionalexchange.node.api;

import java.util.List;

/**
 * A body of the REST API (see {@link ApiContract}): where one of this node's messages stands with each recipient
 * and, for a pre-arrival warning, what each customs unit that answered found.
 */
public record MessageStatus(String messageId, List<RecipientRow> recipients, List<OutcomeRow> outcomes) {

    /**
     * One customs unit's outcome report on the warning.
     *
     * @param node the node that sent it back, the unit's national node
     * @param result seized, found, nothingFound or notArrived
     */
    public record OutcomeRow(String unit, String node, String result, String reportedAt, String messageId) {}
}
