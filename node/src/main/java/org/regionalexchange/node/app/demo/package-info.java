/**
 * The regional demo: the {@code demo} command, {@code LocalRegion} (several nodes in one process on loopback, each
 * enrolled with a fresh CA), and the scenario's documents and steps. Tests start regions with {@code LocalRegion}
 * too.
 */
package org.regionalexchange.node.app.demo;
