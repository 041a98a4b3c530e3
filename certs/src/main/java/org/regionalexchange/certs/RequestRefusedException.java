package org.regionalexchange.certs;

/**
 * A certificate request the regional CA will not sign. The message names the request and the rule it breaks, so the
 * operator can send it back to the member with the reason.
 */
public final class RequestRefusedException extends RuntimeException {

    /** The policy rules a request is checked against, in the order they are checked. */
    public enum Rule {
        /** The file is a PEM PKCS#10 certificate request. */
        FORMAT("a PEM certificate request"),
        /** The request is signed by the key it asks to certify: the member holds that private key. */
        PROOF_OF_POSSESSION("proof of possession"),
        /** The subject is CN=node id, OU=purpose, O=regional-exchange, nothing else. */
        SUBJECT("subject"),
        /** The subject CN is a valid node id and, when the CA operator named the node, that node. */
        NODE_ID("node id"),
        /** The subject OU is tls, signing or encryption. */
        PURPOSE("purpose"),
        /** The key is EC P-256, the key type of every purpose. */
        KEY_TYPE("key type"),
        /** The requested extensions are exactly the purpose's key usage, extended key usages and no CA flag. */
        USAGES("key usages");

        private final String label;

        Rule(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String request;
    private final Rule rule;

    public RequestRefusedException(String request, Rule rule, String reason) {
        super("refused " + request + " (" + rule.label() + "): " + reason);
        this.request = request;
        this.rule = rule;
    }

    /** Where the request came from, usually its file name. */
    public String request() {
        return request;
    }

    public Rule rule() {
        return rule;
    }
}
