package org.regionalexchange.node.envelope;

/**
 * How much JSON the node reads from anyone else: the whole message in bytes, the nesting depth, one string (or key)
 * in characters, and the elements of one array (which also bounds the members of one object). Set by the
 * {@code node.limits.*} keys; the defaults fit the largest real documents many times over.
 */
public record JsonLimits(long maxBytes, int maxDepth, int maxStringLength, int maxArrayLength) {

    /** 1 MiB, 32 levels, 100000 characters, 10000 elements. */
    public static final JsonLimits DEFAULT = new JsonLimits(1_048_576, 32, 100_000, 10_000);

    /** The deepest nesting that may be set: the tree is built recursively, one stack frame per level. */
    public static final int DEPTH_CEILING = 1_000;

    public JsonLimits {
        if (maxBytes < 1 || maxDepth < 1 || maxDepth > DEPTH_CEILING || maxStringLength < 1 || maxArrayLength < 1) {
            throw new IllegalArgumentException("JSON limits must be positive, depth at most " + DEPTH_CEILING);
        }
    }
}
