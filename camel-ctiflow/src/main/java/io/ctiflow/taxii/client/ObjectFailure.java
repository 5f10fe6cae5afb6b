package io.ctiflow.taxii.client;

/** An object the collection did not take: its id and version (modified; may be null) and why. */
public record ObjectFailure(String id, String version, String message) {

    @Override
    public String toString() {
        return (id == null ? "(unnamed)" : id) + (version == null ? "" : " (" + version + ")") + ": " + message;
    }
}
