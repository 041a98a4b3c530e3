/**
 * The hash-chained audit log: every sent, received, relayed and rejected message appends one entry whose hash covers
 * the previous entry's hash, so a changed, removed or reordered entry breaks the chain at a point the verifier names.
 * The chain head is anchored in a file outside the database, so that a cut tail or a database rolled back to an
 * older backup is named too, and against the copy of a head the hub holds, which an insider who rolls back both the
 * database and the anchor file cannot reach. Sending that copy is the outbox's work; this package only reads and
 * checks the chain. Uses the store's database; must not import Camel or the broker.
 */
package org.regionalexchange.node.audit;
