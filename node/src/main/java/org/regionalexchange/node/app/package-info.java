/**
 * Start-up and wiring: the command line, settings read once into validated records, and the assembly of broker,
 * store, protection and routes into a running node. The only package that knows every other one.
 */
package org.regionalexchange.node.app;
