package org.regionalexchange.node.broker;

/**
 * Names of the JMS properties a sealed envelope travels with between brokers. They repeat what the clear header says
 * so a relay can route without parsing; the receiver trusts only the signed header.
 */
public final class MessageProperties {

    /** The envelope's messageId. */
    public static final String MESSAGE_ID = "rxMessageId";
    /** The originating node (header.sender). */
    public static final String SENDER = "rxSender";
    /** Comma-separated final recipients this copy is meant for; the hop delivers or relays to each. */
    public static final String DELIVER_TO = "rxDeliverTo";
    /** 0 for a first send, n for the sender's n-th resend of the same sealed message after a missing receipt. */
    public static final String RESEND = "rxResend";
    /** Artemis duplicate detection: one id per message, destination set and resend, so a retried send is dropped. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** Set by the broker to the authenticated user, here the delivering peer's node id. */
    public static final String VALIDATED_USER = "_AMQ_VALIDATED_USER";

    private MessageProperties() {}
}
