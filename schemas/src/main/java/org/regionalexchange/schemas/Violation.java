package org.regionalexchange.schemas;

/**
 * One way a document breaks its schema.
 *
 * @param pointer RFC 6901 JSON pointer to the offending value in the validated document, "" for the document itself
 */
public record Violation(String pointer, String message) implements Comparable<Violation> {

    @Override
    public int compareTo(Violation other) {
        int byPointer = pointer.compareTo(other.pointer);
        return byPointer != 0 ? byPointer : message.compareTo(other.message);
    }
}
