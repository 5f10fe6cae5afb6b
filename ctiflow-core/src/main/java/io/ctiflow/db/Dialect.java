package io.ctiflow.db;

/** The SQL dialects ctiflow's stores ship migration scripts for ({@code db/<store>/<folder>/}). */
public enum Dialect {
    H2("h2"), POSTGRESQL("postgresql");

    public final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The dialect of a JDBC URL; other databases have no scripts, so they are refused with the URL named. */
    public static Dialect of(String url) {
        if (url != null && url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("store url must be jdbc:h2:... or jdbc:postgresql:..., not " + url);
    }
}
