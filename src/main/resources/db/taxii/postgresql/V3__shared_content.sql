-- TAXII 2.1 store, version 3 (PostgreSQL): each distinct object body is stored once, however many collections hold it.
-- Before, every (collection, id, version) row carried its own copy of the bytes under a string key, so a batch
-- fanned out to five collections wrote every body five times into a B-tree ordered by random STIX ids (one page
-- rewrite per object and collection), and the store slowed as collections grew.
--
-- Now:
--   taxii_content     one row per distinct body, numbered in insertion order (appends, never random inserts);
--                     hash_hi/hash_lo are the first 128 bits of the body's SHA-256, a compact unique key to find a body
--                     already stored. Keyed by the bytes, not by (id, version): the jurisdiction filter sends different
--                     variants of one object version to different destinations, and each collection must serve its own.
--   taxii_membership  one small row per (collection, object version): the paging keyset (collection_no, seq), the
--                     filter columns and a reference to the content. id_hash is the first 64 bits of SHA-256(object_id):
--                     the "which of these ids are stored" look-up reads a compact index of longs led by it (H2 uses an
--                     index for IN only on its first column) and compares object_id exactly on the rows it finds.
--   taxii_collection_state gains collection_no, a small number standing for the collection id in the indexes.
-- Uniqueness of (collection, object_id, version) is kept by the writers, which check it under the collection's clock
-- row lock (as they always did); a unique index on a 64-bit id hash could refuse two distinct ids that collide.

ALTER TABLE taxii_collection_state ADD COLUMN collection_no INT;
UPDATE taxii_collection_state s SET collection_no = (SELECT COUNT(*) FROM taxii_collection_state t WHERE t.collection_id <= s.collection_id);
ALTER TABLE taxii_collection_state ALTER COLUMN collection_no SET NOT NULL;
CREATE UNIQUE INDEX taxii_collection_no ON taxii_collection_state (collection_no);

CREATE SEQUENCE taxii_content_no;
CREATE TABLE taxii_content (
    content_no BIGINT    PRIMARY KEY,
    hash_hi    BIGINT    NOT NULL,
    hash_lo    BIGINT    NOT NULL,
    body       BYTEA     NOT NULL
);
CREATE UNIQUE INDEX taxii_content_hash ON taxii_content (hash_hi, hash_lo);

CREATE TABLE taxii_membership (
    collection_no INT          NOT NULL,
    seq           BIGINT       NOT NULL,
    date_added    BIGINT       NOT NULL,
    id_hash       BIGINT       NOT NULL,
    object_id     VARCHAR(300) NOT NULL,
    version       BIGINT       NOT NULL, -- modified, else created, in microseconds; -9223372036854775808 for neither
    object_type   VARCHAR(250) NOT NULL,
    spec_version  VARCHAR(16)  NOT NULL,
    latest        BOOLEAN      NOT NULL, -- the highest version of this id in the collection: match[version]=last without a subquery
    content_no    BIGINT       NOT NULL REFERENCES taxii_content (content_no),
    PRIMARY KEY (collection_no, seq)       -- pages are read in seq order (the keyset of the next token); appended per collection
);
CREATE INDEX taxii_membership_id ON taxii_membership (id_hash, collection_no, version);
CREATE INDEX taxii_membership_content ON taxii_membership (content_no); -- is a body still referenced (after a DELETE)

-- carry the version 1/2 rows over: one content row per distinct body, one membership row per old row
INSERT INTO taxii_content (content_no, hash_hi, hash_lo, body)
SELECT nextval('taxii_content_no'), hash_hi, hash_lo, body FROM (
    SELECT DISTINCT ('x' || encode(substring(sha256(body) from 1 for 8), 'hex'))::bit(64)::bigint AS hash_hi,
                    ('x' || encode(substring(sha256(body) from 9 for 8), 'hex'))::bit(64)::bigint AS hash_lo, body
    FROM taxii_object) d;

INSERT INTO taxii_membership (collection_no, seq, date_added, id_hash, object_id, version, object_type, spec_version, latest, content_no)
SELECT s.collection_no, o.seq, o.date_added,
       ('x' || encode(substring(sha256(convert_to(o.object_id, 'UTF8')) from 1 for 8), 'hex'))::bit(64)::bigint,
       o.object_id, o.version, o.object_type, o.spec_version, o.latest, c.content_no
FROM taxii_object o
JOIN taxii_collection_state s ON s.collection_id = o.collection_id
JOIN taxii_content c ON c.hash_hi = ('x' || encode(substring(sha256(o.body) from 1 for 8), 'hex'))::bit(64)::bigint
                    AND c.hash_lo = ('x' || encode(substring(sha256(o.body) from 9 for 8), 'hex'))::bit(64)::bigint;

DROP TABLE taxii_object;
