package org.regionalexchange.schemas;

/**
 * One way a document breaks its schema.
 *
 * @param pointer RFC 6901 JSON pointer to the offending value in the validated document, "" for the document itself
 */
public record Violation(String pointer, String message) implements Comparable<Violation> {

    /** The violations on one line, "/pointer message; ...", for logs, receipts and error messages. */
    public static String describe(java.util.List<Violation> violations) {
        return violations.stream().map(v -> (v.pointer().isEmpty() ? "/" : v.pointer()) + " " + v.message())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    @Override
    public int compareTo(Violation other) {
        int byPointer = pointer.compareTo(other.pointer);
        return byPointer != 0 ? byPointer : message.compareTo(other.message);
    }
}
