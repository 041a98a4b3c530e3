package org.regionalexchange.node.envelope;

/**
 * JSON the node will not read: not JSON at all, a duplicate key, or over one of the {@link JsonLimits}. The message
 * names the problem and where it is; {@link #pointer()} is the JSON pointer of the offending value ("" for the whole
 * input), so a submitter's answer can point at it.
 */
public final class InvalidJsonException extends RuntimeException {

    private final String pointer;

    public InvalidJsonException(String problem, String pointer, String where) {
        super(problem + " at " + (where.isEmpty() ? "the top level" : where));
        this.pointer = pointer;
    }

    /** For a problem of the input as a whole, such as its size. */
    public InvalidJsonException(String problem) {
        super(problem);
        this.pointer = "";
    }

    public String pointer() {
        return pointer;
    }
}
