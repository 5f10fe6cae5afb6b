package io.ctiflow.console;

import io.ctiflow.taxii.store.TaxiiStore;

import java.util.Map;

/** The embedded TAXII server's store and each destination's collection id in it (destination id -> collection id). */
public record TaxiiCollections(TaxiiStore store, Map<String, String> byDestination) {
}
