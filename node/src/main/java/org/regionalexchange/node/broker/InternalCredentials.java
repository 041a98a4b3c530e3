package org.regionalexchange.node.broker;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The node's own in-VM login, made fresh for each process so it never appears in configuration or on disk.
 */
public record InternalCredentials(String user, String password) {

    public static InternalCredentials generate() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return new InternalCredentials("node-internal", HexFormat.of().formatHex(secret));
    }

    String digest() {
        return NodeSecurityManager.digest(password);
    }

    @Override
    public String toString() {
        return "InternalCredentials[user=" + user + "]";
    }
}
