-- Whether a recipient row belongs to a receipt, kept on the row itself: the delivery summary counts the rows of
-- everything but receipts by status, and joining each row to its sent_message (which holds the sealed bytes) made
-- that count read every message the node ever sent (tens of seconds at 100,000 messages).
ALTER TABLE sent_recipient ADD COLUMN receipt BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE sent_recipient SET receipt = TRUE
    WHERE message_id IN (SELECT message_id FROM sent_message WHERE kind = 'receipt');
CREATE INDEX sent_recipient_summary ON sent_recipient (receipt, status);
