/**
 * The node's database: connection, versioned migrations (Flyway), and the records of sent, received and
 * quarantined messages. Plain JDBC on H2 or PostgreSQL; must not import Camel or the broker.
 */
package org.regionalexchange.node.store;
