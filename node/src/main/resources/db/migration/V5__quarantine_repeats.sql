-- Repeated rejections from one peer, counted rather than kept: once a peer has had node.inbox.peer-quarantine-per-hour
-- messages of one reason quarantined in the current hour, the rest of that hour's are counted here (how many, the
-- first and last messageId and time) and their bytes are not kept, so one peer's flood cannot fill the store.
CREATE TABLE quarantine_repeat (
    delivering_peer  VARCHAR(64)              NOT NULL,
    reason_code      VARCHAR(40)              NOT NULL,
    hour_start       TIMESTAMP WITH TIME ZONE NOT NULL,
    repeats          BIGINT                   NOT NULL,
    first_message_id VARCHAR(64),
    last_message_id  VARCHAR(64),
    first_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (delivering_peer, reason_code, hour_start)
);
