package io.ctiflow.taxii.server;

import java.util.List;

/** An API root: its path segment (e.g. {@code ctiflow}, served at {@code /ctiflow/}), title, description and collections. */
public record ApiRootConfig(String path, String title, String description, List<CollectionConfig> collections) {

    public ApiRootConfig {
        if (path == null || !path.matches("[A-Za-z0-9._~-]+") || path.equals("taxii2")) {
            throw new IllegalArgumentException("api root path must be one URL segment of letters, digits, '.', '_', '~' or '-' "
                    + "(and not taxii2), not '" + path + "'");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("api root " + path + " needs a title");
        }
        collections = collections == null ? List.of() : List.copyOf(collections);
    }
}
