/**
 * One node's assembly: {@code SettingsReader} reads the properties once into the validated {@code NodeSettings},
 * {@code NodeServices} builds the store, protection, rules and API on them, and {@code NodeRuntime} starts the broker,
 * the routes and the periodic tasks in order and stops them in reverse. Knows nothing of the command line or the
 * demo.
 */
package org.regionalexchange.node.app.wiring;
