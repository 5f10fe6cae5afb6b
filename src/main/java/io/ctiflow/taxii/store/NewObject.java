package io.ctiflow.taxii.store;

/**
 * An object of a POSTed envelope, ready to store: its identity, the version (modified, else created,
 * in microseconds, else {@link TaxiiTime#NO_VERSION}) and the JSON bytes that are served as they are.
 */
public record NewObject(String id, String type, long version, String specVersion, byte[] json) {
}
