-- TAXII 2.1 store, version 1 (PostgreSQL). Times are epoch microseconds.
-- One row per collection: the clock that hands out date_added and seq under a row lock, so
-- writers to one collection are serialised and (date_added, seq) grows in commit order.
CREATE TABLE taxii_collection_state (
    collection_id   VARCHAR(64) PRIMARY KEY,
    last_date_added BIGINT NOT NULL,
    last_seq        BIGINT NOT NULL
);

-- One row per object version: (id, collection, version) is the identity, so a repeated POST is stored once;
-- object_id leads the key so that "object_id IN (...)" look-ups use it (H2 only uses an index for IN on its first column).
-- version is modified (else created) in microseconds; objects with neither store -9223372036854775808.
CREATE TABLE taxii_object (
    collection_id VARCHAR(64)  NOT NULL,
    object_id     VARCHAR(300) NOT NULL,
    version       BIGINT       NOT NULL,
    seq           BIGINT       NOT NULL,
    date_added    BIGINT       NOT NULL,
    object_type   VARCHAR(250) NOT NULL,
    spec_version  VARCHAR(16)  NOT NULL,
    latest        BOOLEAN      NOT NULL, -- the highest version of this id: match[version]=last without a subquery
    body          BYTEA        NOT NULL,
    PRIMARY KEY (object_id, collection_id, version)
);
-- pages are read in seq order (the keyset of the next token)
CREATE UNIQUE INDEX taxii_object_seq ON taxii_object (collection_id, seq);

-- status resources of POSTed envelopes, kept as their JSON
CREATE TABLE taxii_status (
    status_id         VARCHAR(64)  PRIMARY KEY,
    api_root          VARCHAR(200) NOT NULL,
    request_timestamp BIGINT       NOT NULL,
    body              TEXT NOT NULL
);
