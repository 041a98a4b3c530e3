package org.regionalexchange.certs;

import java.util.regex.Pattern;

/** The shape of a node id: a short upper-case code; REGIONAL is reserved for the all-members group. */
final class NodeIds {

    private static final Pattern NODE_ID = Pattern.compile("^[A-Z][A-Z0-9-]{1,15}$");

    private NodeIds() {}

    static String requireValid(String nodeId) {
        if (nodeId == null || !NODE_ID.matcher(nodeId).matches() || nodeId.equals("REGIONAL")) {
            throw new IllegalArgumentException("'" + nodeId + "' is not a node id: use an upper-case code such as "
                    + "KZ or CARICC");
        }
        return nodeId;
    }
}
