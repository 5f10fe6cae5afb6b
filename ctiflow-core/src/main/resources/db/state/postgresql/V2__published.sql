-- What was already published per destination and endpoint: one row per (object id, modified).
-- modified is '' for objects without one (SCOs, marking definitions: immutable by id).
-- object_id leads the key: the look-up is "object_id IN (...)" per batch, and H2 uses an index for IN
-- only on its first column (led by destination, every look-up scanned the destination's whole history).
CREATE TABLE state_published (
    destination  VARCHAR(200)  NOT NULL,
    endpoint     VARCHAR(400)  NOT NULL,
    object_id    VARCHAR(300)  NOT NULL,
    modified     VARCHAR(40)   NOT NULL,
    published_at BIGINT        NOT NULL,
    PRIMARY KEY (object_id, destination, endpoint, modified)
);
