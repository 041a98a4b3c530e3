-- Delivered receipts this node owes: a row per stored (and dispatched) message whose sender has not yet been sent a
-- signed receipt for it, written in the same transaction that notes the dispatch. Receipts are sent in batches (one
-- signed receipt for many messages of one sender) and the rows removed once the receipt is recorded and queued; a
-- node that stops in between finds them here and answers them again, which the sender applies idempotently.
CREATE TABLE receipt_owed (
    message_id  VARCHAR(36)              PRIMARY KEY,
    sender      VARCHAR(16)              NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    owed_since  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX receipt_owed_since ON receipt_owed (owed_since);
