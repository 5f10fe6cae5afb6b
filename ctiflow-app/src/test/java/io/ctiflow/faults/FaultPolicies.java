package io.ctiflow.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A copy of policies/ with the endpoints of some destinations replaced, for runs against test servers. */
final class FaultPolicies {

    private FaultPolicies() {
    }

    /** {@code endpoints}: destination id to the YAML lines of its endpoints list (indented six spaces). */
    static Path withEndpoints(Path dir, Map<String, String> endpoints) throws IOException {
        Files.createDirectories(dir);
        for (String f : List.of("jurisdictions.yaml", "sources.yaml", "policy.yaml")) {
            Files.copy(Path.of("policies", f), dir.resolve(f));
        }
        String destinations = Files.readString(Path.of("policies/destinations.yaml"));
        for (Map.Entry<String, String> e : endpoints.entrySet()) {
            // the destination's "endpoints:" block: its "      - " lines up to the next key
            Pattern block = Pattern.compile("(\n  " + Pattern.quote(e.getKey()) + ":\n(?:    .*\n)*?    endpoints:\n)((?:      - .*\n)+)");
            Matcher m = block.matcher(destinations);
            if (!m.find()) {
                throw new IllegalArgumentException("no endpoints of " + e.getKey() + " in policies/destinations.yaml");
            }
            destinations = destinations.substring(0, m.start(2)) + e.getValue() + destinations.substring(m.end(2));
        }
        Files.writeString(dir.resolve("destinations.yaml"), destinations);
        return dir;
    }
}
