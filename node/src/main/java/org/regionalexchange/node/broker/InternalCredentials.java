package org.regionalexchange.node.broker;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The node's own in-VM login, made fresh for each process so it never appears in configuration or on disk.
 */
public record InternalCredentials(String user, String password) {

    /**
     * The in-VM user name. No peer or local subscriber can have it: peers are named by the node id in their
     * certificate, and local subscribers cannot send to the inbox, so a message there sent by this user is the node's.
     */
    public static final String USER = "node-internal";

    public static InternalCredentials generate() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return new InternalCredentials(USER, HexFormat.of().formatHex(secret));
    }

    String digest() {
        return NodeSecurityManager.digest(password);
    }

    @Override
    public String toString() {
        return "InternalCredentials[user=" + user + "]";
    }
}
