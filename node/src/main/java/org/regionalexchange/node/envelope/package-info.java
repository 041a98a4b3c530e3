/**
 * The wire envelope: a clear routing header beside the protected CMS bytes, its JSON codec, the opened message a
 * verification yields, and the strict, limited JSON reader that everything the node reads from others goes through.
 * Must not import Camel or the broker.
 */
package org.regionalexchange.node.envelope;
