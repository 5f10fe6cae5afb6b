package io.ctiflow.taxii.server;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A TAXII collection: id, title, description, media types and who may read and write it (user
 * names). {@code anonymousRead} lets requests without credentials read it; it is off unless set.
 * Nobody writes anonymously.
 */
public record CollectionConfig(UUID id, String title, String description, List<String> mediaTypes,
                               Set<String> canRead, Set<String> canWrite, boolean anonymousRead) {

    public static final String STIX_MEDIA_TYPE = "application/stix+json;version=2.1";

    public CollectionConfig {
        if (id == null) {
            throw new IllegalArgumentException("a collection needs an id (a UUID)");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("collection " + id + " needs a title");
        }
        mediaTypes = mediaTypes == null || mediaTypes.isEmpty() ? List.of(STIX_MEDIA_TYPE) : List.copyOf(mediaTypes);
        canRead = canRead == null ? Set.of() : Set.copyOf(canRead);
        canWrite = canWrite == null ? Set.of() : Set.copyOf(canWrite);
    }

    /** A STIX 2.1 collection with the given readers and writers. */
    public static CollectionConfig of(UUID id, String title, Set<String> canRead, Set<String> canWrite) {
        return new CollectionConfig(id, title, null, null, canRead, canWrite, false);
    }

    public boolean canRead(Caller caller) {
        return caller.anonymous() ? anonymousRead : canRead.contains(caller.name()) || anonymousRead;
    }

    public boolean canWrite(Caller caller) {
        return !caller.anonymous() && canWrite.contains(caller.name());
    }

    /** Whether the caller may know the collection exists (it is listed and answers 403 rather than 404). */
    public boolean visibleTo(Caller caller) {
        return canRead(caller) || canWrite(caller);
    }
}
