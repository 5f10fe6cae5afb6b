-- TAXII 2.1 store, version 3 (H2): each distinct object body is stored once, however many collections hold it.
-- Before, every (collection, id, version) row carried its own copy of the bytes under a string key, so a batch
-- fanned out to five collections wrote every body five times into a B-tree ordered by random STIX ids (one page
-- rewrite per object and collection), and the store slowed as collections grew.
--
-- Now:
--   taxii_content     one row per distinct body, numbered in insertion order (appends, never random inserts);
--                     hash_hi/hash_lo are the first 128 bits of SHA-256(object id, a zero byte, body). Bodies are told
--                     apart by their bytes, not by (id, version): the jurisdiction filter sends different variants of one
--                     object version to different destinations, and each collection must serve its own.
--   taxii_membership  one small row per (collection, object version): the paging keyset (position), the
--                     filter columns and a reference to the content with its hash. id_hash is the first 64 bits of SHA-256(object_id):
--                     the "which of these ids are stored" look-up reads a compact index of longs led by it (H2 uses an
--                     index for IN only on its first column) and compares object_id exactly on the rows it finds. The same
--                     look-up (over every collection) finds a body stored already, by its hash: taxii_content needs no
--                     hash index, whose random inserts cost as much as the id index's (measured with bench --store).
--   taxii_collection_state gains collection_no, a small number standing for the collection id in the indexes.
-- Uniqueness of (collection, object_id, version) is kept by the writers, which check it under the collection's clock
-- row lock (as they always did); a unique index on a 64-bit id hash could refuse two distinct ids that collide.
-- Every index is measured against the fan-out (bench --store): each one more costs a random or appended insert per
-- membership row and its pages at every commit.

ALTER TABLE taxii_collection_state ADD COLUMN collection_no INT;
UPDATE taxii_collection_state s SET collection_no = (SELECT COUNT(*) FROM taxii_collection_state t WHERE t.collection_id <= s.collection_id);
ALTER TABLE taxii_collection_state ALTER COLUMN collection_no SET NOT NULL;
CREATE UNIQUE INDEX taxii_collection_no ON taxii_collection_state (collection_no);

-- H2 writes a sequence's state to its schema every CACHE values, in a commit of its own (a file write with
-- WRITE_DELAY=0): with the default 32 that was 60 extra writes per batch of 2,000 bodies. Values cached but
-- unused when the process stops are skipped (gaps are harmless: the numbers only need to be unique and growing).
CREATE SEQUENCE taxii_content_no CACHE 100000;
CREATE TABLE taxii_content (
    content_no BIGINT    PRIMARY KEY,
    hash_hi    BIGINT    NOT NULL,
    hash_lo    BIGINT    NOT NULL,
    body       VARBINARY NOT NULL
);

CREATE TABLE taxii_membership (
    -- the collection's number times 2^40 plus seq: one BIGINT key, so H2 keeps the rows in a map keyed by it and a
    -- collection's new rows are appended at its end (no separate (collection, seq) index); pages are ranges of it
    position      BIGINT       PRIMARY KEY,
    collection_no INT          NOT NULL,
    date_added    BIGINT       NOT NULL,
    id_hash       BIGINT       NOT NULL,
    object_id     VARCHAR(300) NOT NULL,
    version       BIGINT       NOT NULL, -- modified, else created, in microseconds; -9223372036854775808 for neither
    object_type   VARCHAR(250) NOT NULL,
    spec_version  VARCHAR(16)  NOT NULL,
    latest        BOOLEAN      NOT NULL, -- the highest version of this id in the collection: match[version]=last without a subquery
    content_no    BIGINT       NOT NULL, -- the body in taxii_content
    body_hi       BIGINT       NOT NULL, -- and its hash (taxii_content.hash_hi, hash_lo): a writer finds a body stored
    body_lo       BIGINT       NOT NULL  -- for another collection through the id index
);
-- the one index that takes random inserts: longs only. It also finds the memberships of a body (same id) when a
-- DELETE checks whether the body is still referenced, so content_no needs no index (nor a foreign key, which
-- would need one): bodies are removed only with every collection's clock locked (see TaxiiStore.delete).
CREATE INDEX taxii_membership_id ON taxii_membership (id_hash, collection_no, version);

-- carry the version 1/2 rows over: one content row per distinct body, one membership row per old row
INSERT INTO taxii_content (content_no, hash_hi, hash_lo, body)
SELECT NEXT VALUE FOR taxii_content_no, hash_hi, hash_lo, body FROM (
    SELECT DISTINCT CAST(SUBSTRING(HASH('SHA-256', CAST(object_id AS VARBINARY) || X'00' || body) FROM 1 FOR 8) AS BIGINT) AS hash_hi,
                    CAST(SUBSTRING(HASH('SHA-256', CAST(object_id AS VARBINARY) || X'00' || body) FROM 9 FOR 8) AS BIGINT) AS hash_lo, body
    FROM taxii_object) d;

-- an index for the join below only
CREATE INDEX taxii_content_migration ON taxii_content (hash_hi, hash_lo);
INSERT INTO taxii_membership (position, collection_no, date_added, id_hash, object_id, version, object_type, spec_version, latest,
                              content_no, body_hi, body_lo)
SELECT s.collection_no * 1099511627776 + o.seq, s.collection_no, o.date_added,
       CAST(SUBSTRING(HASH('SHA-256', CAST(o.object_id AS VARBINARY)) FROM 1 FOR 8) AS BIGINT),
       o.object_id, o.version, o.object_type, o.spec_version, o.latest, c.content_no, c.hash_hi, c.hash_lo
FROM taxii_object o
JOIN taxii_collection_state s ON s.collection_id = o.collection_id
JOIN taxii_content c ON c.hash_hi = CAST(SUBSTRING(HASH('SHA-256', CAST(o.object_id AS VARBINARY) || X'00' || o.body) FROM 1 FOR 8) AS BIGINT)
                    AND c.hash_lo = CAST(SUBSTRING(HASH('SHA-256', CAST(o.object_id AS VARBINARY) || X'00' || o.body) FROM 9 FOR 8) AS BIGINT);

DROP INDEX taxii_content_migration;
DROP TABLE taxii_object;
