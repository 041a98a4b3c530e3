package org.regionalexchange.node.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field of a document named by a JSON pointer in which {@code *} stands for every item of an array, e.g.
 * {@code /items/*}{@code /quantity}: how the rules name the fields they look at, one table per kind.
 */
record FieldPath(String path) {

    /** A value found at the path, with the concrete pointer to it. */
    record Found(String pointer, JsonNode value) {}

    List<Found> in(JsonNode root, String prefix) {
        List<Found> found = new ArrayList<>();
        walk(root, path.substring(1).split("/"), 0, prefix, found);
        return found;
    }

    private static void walk(JsonNode node, String[] segments, int at, String pointer, List<Found> found) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (at == segments.length) {
            found.add(new Found(pointer, node));
        } else if (segments[at].equals("*")) {
            for (int i = 0; i < node.size() && node.isArray(); i++) {
                walk(node.get(i), segments, at + 1, pointer + "/" + i, found);
            }
        } else {
            walk(node.get(segments[at]), segments, at + 1, pointer + "/" + segments[at], found);
        }
    }
}
