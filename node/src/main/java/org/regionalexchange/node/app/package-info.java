/**
 * Start-up and wiring, the only package (with its subpackages) that knows every other one. {@link
 * org.regionalexchange.node.app.NodeCli} is the executable's entry point and lists the subcommands; the rest is in
 * three subpackages, each depending only on the ones after it:
 * <ul>
 *   <li>{@code app.demo}: the {@code demo} command and the region it runs in one process ({@code LocalRegion},
 *       enrolment with a fresh CA, the scenario's documents);</li>
 *   <li>{@code app.cli}: the other subcommands and the picocli option groups (mixins) they share;</li>
 *   <li>{@code app.wiring}: settings read once into validated records, and the assembly of broker, store,
 *       protection and routes into a running node ({@code NodeRuntime}).</li>
 * </ul>
 */
package org.regionalexchange.node.app;
