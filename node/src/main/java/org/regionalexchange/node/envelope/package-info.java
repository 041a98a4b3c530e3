/**
 * The wire envelope: a clear routing header beside the protected CMS bytes, its JSON codec, and the opened
 * message a verification yields. Must not import Camel or the broker.
 */
package org.regionalexchange.node.envelope;
