/**
 * The regional PKI: a root CA held by CARICC, per-node TLS, signing and encryption certificates, revocation lists,
 * and the files (PKCS#12, PEM) nodes and operators use. Bouncy Castle and the JDK only.
 */
package org.regionalexchange.certs;
