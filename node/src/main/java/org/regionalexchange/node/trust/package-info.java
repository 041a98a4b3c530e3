/**
 * Trust in the regional PKI: the root anchor, path validation at a given time, revocation against the current CRL,
 * and reading a node id from a certificate. Must not import Camel or the broker.
 */
package org.regionalexchange.node.trust;
