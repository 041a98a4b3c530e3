/**
 * The command line of the node, one class a subcommand ({@code run}, {@code send}, {@code status}, {@code audit},
 * {@code seal}, {@code open}, {@code users}, {@code faults}, {@code bench}), and the option groups they share as
 * picocli mixins ({@code --config}, the API user, the keystore, the document, the region's rules, the work folder).
 * Commands turn options into settings and calls on {@code app.wiring} or a running node's API; they hold no logic of
 * the exchange themselves.
 */
package org.regionalexchange.node.app.cli;
