-- The schema versions each member declared it accepts, per kind, as carried in the `supports` of its receipts
-- (receipt 1-1-0 and later): a sender checks a document the way each recipient will read it before sending, and
-- must remember what a member declared across restarts. versions is a comma-separated ascending list, e.g.
-- 1-0-0,1-1-0.
CREATE TABLE member_schema (
    node_id     VARCHAR(64)              NOT NULL,
    kind        VARCHAR(40)              NOT NULL,
    versions    VARCHAR(400)             NOT NULL,
    declared_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (node_id, kind)
);
