package io.ctiflow.runtime;

import java.nio.file.Path;

/**
 * Where ctiflow's folders (routes/, mappings/, policies/, examples/) live: the {@code ctiflow.home}
 * system property (set by the ./ctiflow launcher), else the working directory.
 */
public final class CtiflowHome {

    private CtiflowHome() {
    }

    public static Path get() {
        return Path.of(System.getProperty("ctiflow.home", ".")).toAbsolutePath().normalize();
    }
}
