-- What was already published per destination and endpoint: one row per (object id, modified).
-- modified is '' for objects without one (SCOs, marking definitions: immutable by id).
CREATE TABLE state_published (
    destination  VARCHAR(200)  NOT NULL,
    endpoint     VARCHAR(400)  NOT NULL,
    object_id    VARCHAR(300)  NOT NULL,
    modified     VARCHAR(40)   NOT NULL,
    published_at BIGINT        NOT NULL,
    PRIMARY KEY (destination, endpoint, object_id, modified)
);
