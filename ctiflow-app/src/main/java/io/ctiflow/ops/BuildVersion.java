package io.ctiflow.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The running release: the pom's version, written into {@code io/ctiflow/ops/version.properties} by the build. */
public final class BuildVersion {

    private static final String VERSION = read();

    private BuildVersion() {
    }

    public static String current() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "development";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "development");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ctiflow's version.properties", e);
        }
    }
}
