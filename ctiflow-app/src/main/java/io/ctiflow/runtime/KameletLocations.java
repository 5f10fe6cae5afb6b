package io.ctiflow.runtime;

import io.ctiflow.connectors.ConnectorCheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where camel-kamelet looks for {@code <name>.kamelet.yaml}: every connector folder of
 * {@code ctiflow.connectors} first, read when the context starts, so a new or edited connector
 * needs a restart and no rebuild; then the copies the build put on the classpath (the component's
 * default), for a jar run without the folders.
 */
final class KameletLocations {

    static final String CLASSPATH = "classpath:kamelets";

    private KameletLocations() {
    }

    /** The comma-separated locations: {@code file:} each connector folder that holds its Kamelet, then the classpath. */
    static String of(Path connectorsDir) {
        List<String> locations = new ArrayList<>();
        if (Files.isDirectory(connectorsDir)) {
            for (Path dir : ConnectorCheck.connectorDirs(connectorsDir)) {
                if (Files.isRegularFile(dir.resolve(dir.getFileName() + ConnectorCheck.KAMELET_SUFFIX))) {
                    locations.add("file:" + dir.toAbsolutePath().normalize());
                }
            }
        }
        locations.add(CLASSPATH);
        return String.join(",", locations);
    }
}
