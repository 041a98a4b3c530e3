-- End-to-end delivery: the sealed bytes are kept so a message without a receipt can be resent unchanged (same
-- messageId), each recipient counts its resends and says what went wrong last, and a received message remembers
-- whether it reached the local subscribers, so a copy that arrives again is answered without dispatching twice.

ALTER TABLE sent_message ADD COLUMN wire BYTEA;

ALTER TABLE sent_recipient ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE sent_recipient ADD COLUMN handed_over_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sent_recipient ADD COLUMN last_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sent_recipient ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE sent_recipient ADD COLUMN last_error VARCHAR(500);
CREATE INDEX sent_recipient_due ON sent_recipient (status, next_attempt_at);
CREATE INDEX sent_recipient_progress ON sent_recipient (recipient, status);

ALTER TABLE received_message ADD COLUMN dispatched_at TIMESTAMP WITH TIME ZONE;
