/**
 * Fault drills: nodes as separate JVMs on loopback, a stream of notices, and a crash (SIGKILL), a cut link or a
 * database outage in the middle of it; then the count, from the nodes' own stores, of what was accepted, stored,
 * dispatched, recorded and left stuck. Starts processes and servers, so it is never used by a running node; it may
 * read the store and audit packages, and must not import the app package (which runs it as {@code node faults}).
 */
package org.regionalexchange.node.faults;
