package org.regionalexchange.node.broker;

/**
 * Names of the JMS properties a sealed envelope travels with between brokers. They repeat what the clear header says
 * so a relay can route without parsing; the receiver trusts only the signed header.
 */
public final class MessageProperties {

    /** The envelope's messageId. */
    public static final String MESSAGE_ID = "rxMessageId";
    /** On a request to local.submit: the login the broker authenticated its sender under, stamped by the broker. */
    public static final String SUBMITTER = "rxSubmitter";
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
    /**
     * The quarantine entry a message was released from, when the node put it back into its own inbox. Trusted only
     * on a message the broker validated as sent by {@link InternalCredentials#USER}: a peer can set any property,
     * not the validated user.
     */
    public static final String RELEASED_FROM = "rxReleasedFrom";
    /** With {@link #RELEASED_FROM}: the peer that delivered the message originally. */
    public static final String RELEASED_PEER = "rxReleasedPeer";

    private MessageProperties() {}
}
