-- PostgreSQL's part of V3: size and SHA-256 of the rows quarantined before V3, then both required.
UPDATE quarantine SET size_bytes = OCTET_LENGTH(raw_bytes), sha256 = encode(sha256(raw_bytes), 'hex')
    WHERE sha256 IS NULL;
ALTER TABLE quarantine ALTER COLUMN size_bytes SET NOT NULL;
ALTER TABLE quarantine ALTER COLUMN sha256 SET NOT NULL;
