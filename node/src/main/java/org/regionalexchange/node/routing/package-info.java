/**
 * Where a message goes next: the expansion of the group REGIONAL and the choice of the next hop per recipient
 * (a direct link when there is one and it is not down, the hub otherwise). Pure functions of the node's links and of
 * what it is told about their state; no Camel, no I/O.
 */
package org.regionalexchange.node.routing;
