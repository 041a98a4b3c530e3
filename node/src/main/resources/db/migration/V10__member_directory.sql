-- Every member directory this node took into force, by version (README, "The member directory"): received from the
-- hub, or on the hub the ones it published. The highest version is the one in force after a restart. message_id is
-- the message that carried it; on the hub it is empty while the directory is recorded but not yet handed to the
-- outbox, so a restart sends that same version instead of numbering a second one.
CREATE TABLE member_directory (
    version       BIGINT                   NOT NULL PRIMARY KEY,
    message_id    VARCHAR(36),
    issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    document_json VARCHAR                  NOT NULL,
    applied_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
