-- Quarantine listings carry each entry's size and SHA-256 (hex) instead of its bytes, so listing never reads
-- raw_bytes. An entry also remembers the final recipients its copy was for (to re-inject it as delivered) and, while
-- a release is under way, when and by whom it was released. The existing rows get size and digest in
-- V3_1 (db/dialect/<database>), the one step that needs each database's own hash function.

ALTER TABLE quarantine ADD COLUMN size_bytes BIGINT;
ALTER TABLE quarantine ADD COLUMN sha256 CHAR(64);
ALTER TABLE quarantine ADD COLUMN deliver_to VARCHAR(500);
ALTER TABLE quarantine ADD COLUMN released_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE quarantine ADD COLUMN released_by VARCHAR(64);
CREATE INDEX quarantine_reason ON quarantine (reason_code, id);
CREATE INDEX quarantine_peer ON quarantine (delivering_peer, id);

-- Operator actions (release, delete, retry) record the authenticated user as the entry's peer: user names may be
-- longer than node ids.
ALTER TABLE audit_log ALTER COLUMN peer SET DATA TYPE VARCHAR(64);
