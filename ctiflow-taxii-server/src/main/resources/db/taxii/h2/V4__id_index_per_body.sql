-- TAXII 2.1 store, version 4 (H2): the object id index has one entry per body, not one per collection holding it.
-- V3 indexed every membership by (id_hash, collection_no, version): a batch fanned out to five collections made
-- five random inserts per object into that index, and once it outgrew the page cache every batch read and rewrote
-- about one index page per entry, so the store slowed as collections grew (bench --store: 44,106 stored objects/s
-- at 100,000 indicators, 15,063 at a million).
--
-- Now what describes an object version lives with its body:
--   taxii_content     the body and its id, id_hash, version, type and spec_version; the id index (id_hash) takes one
--                     random insert per distinct body (the filter's variants of one version are distinct bodies).
--   taxii_membership  position (collection number * 2^40 + seq), the body's number, date_added and the latest flag:
--                     small rows appended at the end of each collection's range. Its index on content_no ("which
--                     collections hold this body") takes appends too: a new body's number is the highest yet.
-- A writer's look-up is one join, the id index into the memberships of the bodies it finds.

CREATE TABLE taxii_content_v4 (
    content_no   BIGINT       PRIMARY KEY,
    id_hash      BIGINT       NOT NULL, -- the first 64 bits of SHA-256(object_id)
    object_id    VARCHAR(300) NOT NULL,
    version      BIGINT       NOT NULL, -- modified, else created, in microseconds; -9223372036854775808 for neither
    object_type  VARCHAR(250) NOT NULL,
    spec_version VARCHAR(16)  NOT NULL,
    hash_hi      BIGINT       NOT NULL, -- the first 128 bits of SHA-256(object id, a zero byte, body)
    hash_lo      BIGINT       NOT NULL,
    body         VARBINARY    NOT NULL
);

-- a body's memberships all describe it the same way (its id and version are in its bytes): take the first one's
INSERT INTO taxii_content_v4 (content_no, id_hash, object_id, version, object_type, spec_version, hash_hi, hash_lo, body)
SELECT c.content_no, m.id_hash, m.object_id, m.version, m.object_type, m.spec_version, c.hash_hi, c.hash_lo, c.body
FROM taxii_content c
JOIN (SELECT content_no, MIN(position) AS position FROM taxii_membership GROUP BY content_no) f ON f.content_no = c.content_no
JOIN taxii_membership m ON m.position = f.position;

CREATE TABLE taxii_membership_v4 (
    position   BIGINT  PRIMARY KEY, -- the collection's number times 2^40 plus seq: a collection's rows are one range
    content_no BIGINT  NOT NULL,
    date_added BIGINT  NOT NULL,
    latest     BOOLEAN NOT NULL     -- the highest version of this id in the collection: match[version]=last without a subquery
);
INSERT INTO taxii_membership_v4 (position, content_no, date_added, latest)
SELECT position, content_no, date_added, latest FROM taxii_membership;

DROP TABLE taxii_membership;
DROP TABLE taxii_content;
ALTER TABLE taxii_content_v4 RENAME TO taxii_content;
ALTER TABLE taxii_membership_v4 RENAME TO taxii_membership;
CREATE INDEX taxii_content_id ON taxii_content (id_hash);
CREATE INDEX taxii_membership_content ON taxii_membership (content_no);
