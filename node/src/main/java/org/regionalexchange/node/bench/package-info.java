/**
 * The throughput benchmark: the bound of cryptography alone (seal and open), the bound of the broker alone (persistent
 * sends over the peers' TLS acceptor), and the whole pipeline between two nodes run as separate JVMs, each measured
 * after its own warm-up, then a JSON and a Markdown report. Starts processes and brokers, so it is never used by a
 * running node; it reuses the fault drills' nodes and must not import the app package (which runs it as
 * {@code node bench}).
 */
package org.regionalexchange.node.bench;
