package io.ctiflow.deploy;

import io.ctiflow.app.ConfigReference;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/systemd/ctiflow.service parses as a unit, runs the archive's bin/ctiflow, is hardened, and sets only
 * options ctiflow knows (an unknown CTIFLOW_* variable would be silently ignored at run time).
 */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("deploy/systemd/ctiflow.service");

    /** section -> key -> values (a key may repeat, e.g. Environment). */
    private static Map<String, Map<String, List<String>>> parse(Path unit) throws IOException {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        String section = null;
        int n = 0;
        for (String line : Files.readAllLines(unit)) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("[") && l.endsWith("]")) {
                section = l.substring(1, l.length() - 1);
                sections.put(section, new LinkedHashMap<>());
                continue;
            }
            int eq = l.indexOf('=');
            assertThat(section).as("line %d outside a section", n).isNotNull();
            assertThat(eq).as("line %d is not key=value: %s", n, l).isPositive();
            sections.get(section).computeIfAbsent(l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
        }
        return sections;
    }

    private static String one(Map<String, List<String>> section, String key) {
        assertThat(section).as(key).containsKey(key);
        return section.get(key).get(0);
    }

    @Test
    void theUnitRunsTheArchiveHardenedWithOnlyKnownOptions() throws IOException {
        Map<String, Map<String, List<String>>> unit = parse(UNIT);
        assertThat(unit).containsOnlyKeys("Unit", "Service", "Install");
        Map<String, List<String>> service = unit.get("Service");
        assertThat(one(service, "ExecStart")).isEqualTo("/opt/ctiflow/bin/ctiflow run");
        assertThat(one(service, "Restart")).isEqualTo("on-failure");
        assertThat(one(service, "DynamicUser")).isEqualTo("yes");
        assertThat(one(service, "ProtectSystem")).isEqualTo("strict");
        assertThat(one(service, "NoNewPrivileges")).isEqualTo("yes");
        assertThat(one(service, "EnvironmentFile")).as("secrets from an env file, not the unit").startsWith("-/etc/ctiflow/");

        Map<String, String> environment = new LinkedHashMap<>();
        for (String assignment : service.get("Environment")) {
            String a = assignment.startsWith("\"") ? assignment.substring(1, assignment.length() - 1) : assignment;
            environment.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        Set<String> known = ConfigReference.shipped().options().stream().map(ConfigReference.Option::environmentVariable)
                .collect(Collectors.toSet());
        assertThat(environment.keySet().stream().filter(k -> k.startsWith("CTIFLOW_"))).isNotEmpty().allSatisfy(
                variable -> assertThat(known).as(variable + " is an option of ctiflow-defaults.properties").contains(variable));
        assertThat(one(service, "ReadWritePaths")).as("the work folder is the only writable path").isEqualTo(environment.get("CTIFLOW_WORK"));
        assertThat(service.get("Environment")).noneMatch(e -> e.matches("(?i).*(key|token|password|secret)=.*"));
    }
}
