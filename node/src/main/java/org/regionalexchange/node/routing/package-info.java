/**
 * Where a message goes next: the expansion of the group REGIONAL and the choice of the next hop per recipient
 * (a direct link when there is one, the hub otherwise). Pure functions of the node's links; no Camel, no I/O.
 */
package org.regionalexchange.node.routing;
