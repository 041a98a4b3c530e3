-- What this node has seen of each substance, for the first-sighting alert (README, "First sighting"): a status
-- (actual or exercise: a drill never makes a real substance known) and the substance's key, with the message it was
-- first seen in and what came of it. outcome is ALERTED (an alert went out: alert_id), HELD (the notice's handling
-- kept it from an automatic alert: note says why), or KNOWN (first named by an alert or the seed list: no alert owed).
CREATE TABLE first_sighting (
    status         VARCHAR(12)              NOT NULL,
    substance      VARCHAR(400)             NOT NULL,
    preferred_name VARCHAR(400)             NOT NULL,
    source_kind    VARCHAR(40)              NOT NULL,
    message_id     VARCHAR(36),
    sender         VARCHAR(16),
    handling       VARCHAR(16),
    seen_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome        VARCHAR(12)              NOT NULL,
    alert_id       VARCHAR(36),
    note           VARCHAR(400),
    PRIMARY KEY (status, substance)
);

-- Every InChIKey and normalised name a substance was seen under, so a later notice that names it by a synonym
-- matches it: inchikey:<key> or name:<normalised name>.
CREATE TABLE sighted_name (
    status     VARCHAR(12)  NOT NULL,
    look_up    VARCHAR(500) NOT NULL,
    substance  VARCHAR(400) NOT NULL,
    PRIMARY KEY (status, look_up)
);
