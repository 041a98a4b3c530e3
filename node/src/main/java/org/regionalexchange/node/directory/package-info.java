/**
 * The member directory: the region as the hub publishes it (members, their endpoints and certificates, the CRL), the
 * one in force at this node, the checks a received directory passes before it is applied, and the hub's
 * publication of new versions.
 */
package org.regionalexchange.node.directory;
