package org.regionalexchange.node.logging;

import org.slf4j.MDC;

/**
 * Puts the messageId of the message the node works on into the MDC, so that every line logged meanwhile (the
 * node's own, and the engines' on the same thread) says which message it is about: {@code [messageId]} in the
 * plain format, {@code "mdc":{"messageId":...}} in JSON. A scope restores what was there before when it closes, so
 * work on one message inside the work on another (a receipt submitted while a message is accepted) leaves the
 * outer one's id in place afterwards.
 */
public final class MessageLog {

    /** The MDC key. */
    public static final String KEY = "messageId";

    /** A scope that puts nothing, for a message without an id. */
    private static final Scope NONE = () -> { };

    private MessageLog() {}

    /** One message's scope; closing it restores the MDC as it was. It never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Lines logged on this thread until the scope closes are about this message.
     *
     * @param messageId the message's id; blank or null leaves the MDC alone
     */
    public static Scope about(String messageId) {
        if (messageId == null || messageId.isBlank()) {
            return NONE;
        }
        String before = MDC.get(KEY);
        MDC.put(KEY, messageId);
        return before == null ? () -> MDC.remove(KEY) : () -> MDC.put(KEY, before);
    }

    /** The messageId lines on this thread are about now, or null. */
    public static String current() {
        return MDC.get(KEY);
    }
}
