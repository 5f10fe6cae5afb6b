/**
 * The TAXII server's JDBC store ({@link io.ctiflow.taxii.store.TaxiiStore}): H2 file (embedded default)
 * or PostgreSQL, schema migrated at open from {@code db/taxii/<h2|postgresql>/V<n>__*.sql}. Objects
 * are keyed by (id, collection, version), ordered per collection by a seq handed out under a row
 * lock on {@code taxii_collection_state}, and kept as the JSON bytes that were posted.
 */
package io.ctiflow.taxii.store;
