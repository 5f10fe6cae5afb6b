package io.ctiflow.taxii.store;

/**
 * One stored object version as read back: either the JSON (for envelopes; id, version and spec_version are then
 * not read) or the manifest fields (json null), always with date_added and seq.
 * {@code seq} orders a collection's objects in the order they were added; pages continue after it.
 */
public record StoredObject(String id, long version, String specVersion, long dateAdded, long seq, byte[] json) {

    /** The manifest/versions value: modified or created, else date_added (objects without either have one version). */
    public long versionOrDateAdded() {
        return version == TaxiiTime.NO_VERSION ? dateAdded : version;
    }
}
