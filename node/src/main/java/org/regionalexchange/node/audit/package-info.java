/**
 * The hash-chained audit log: every sent, received, relayed and rejected message appends one entry whose hash covers
 * the previous entry's hash, so a changed, removed or reordered entry breaks the chain at a point the verifier names.
 * Uses the store's database; must not import Camel or the broker.
 */
package org.regionalexchange.node.audit;
