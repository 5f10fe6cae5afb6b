package io.ctiflow.feed;

import io.ctiflow.mapping.FeedMapping;
import io.ctiflow.mapping.MappingException;
import io.ctiflow.mapping.MappingLoader;
import io.ctiflow.mapping.TaxonomyToStix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every feed mapping under mappings/, loaded and checked once at start-up (a broken file stops
 * the start with its name, key and problem), plus the central taxonomy-to-STIX mapping.
 */
public final class Mappings {

    private final MappingLoader loader;
    private final TaxonomyToStix toStix;
    private final Map<String, FeedMapping> byName = new TreeMap<>();

    public Mappings(Path mappingsDir) {
        this.loader = new MappingLoader(mappingsDir);
        this.toStix = new TaxonomyToStix(mappingsDir.resolve("stix/taxonomy-to-stix.yaml"), loader.taxonomy());
        try {
            for (Path file : loader.allMappingFiles()) {
                FeedMapping mapping = loader.load(file);
                FeedMapping clash = byName.put(mapping.name(), mapping);
                if (clash != null) {
                    throw new MappingException(file.toString(), "mapping", "name '" + mapping.name() + "' is used by " + clash.file() + " too");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list mapping files in " + mappingsDir, e);
        }
    }

    /** The mapping of a feed by name, e.g. {@code urlhaus}; a path to a mapping file works too. */
    public FeedMapping feed(String nameOrFile) {
        FeedMapping mapping = byName.get(nameOrFile);
        return mapping != null ? mapping : loader.load(nameOrFile);
    }

    public Map<String, FeedMapping> all() {
        return byName;
    }

    public TaxonomyToStix toStix() {
        return toStix;
    }

    public MappingLoader loader() {
        return loader;
    }
}
