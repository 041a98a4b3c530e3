-- Customs port units registered on this node as local subscribers (README, "Customs units"): each reads its own
-- durable queue local.unit.<name> with its own password, filtered to its crossing points, kinds and clearance.
-- crossing_points and kinds are comma-separated lists; clearance is the most restrictive TLP code it may receive.
CREATE TABLE customs_unit (
    name            VARCHAR(16)              PRIMARY KEY,
    crossing_points VARCHAR(2000)            NOT NULL,
    kinds           VARCHAR(400)             NOT NULL,
    organisation    VARCHAR(100)             NOT NULL,
    clearance       VARCHAR(16)              NOT NULL,
    password_digest CHAR(64)                 NOT NULL,
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What was put on each unit's queue, and when the unit acknowledged it: an outcome report is accepted only for a
-- warning the unit was given.
CREATE TABLE unit_delivery (
    unit            VARCHAR(16)              NOT NULL,
    message_id      VARCHAR(36)              NOT NULL,
    dispatched_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (unit, message_id)
);
