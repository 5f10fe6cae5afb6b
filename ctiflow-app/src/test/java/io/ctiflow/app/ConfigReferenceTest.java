package io.ctiflow.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every option is documented: docs/configuration.md is current, and nothing reads an option ctiflow-defaults.properties lacks. */
class ConfigReferenceTest {

    private static final Pattern USED = Pattern.compile("(?:\\{\\{\\??|resolveProperty\\(\"|apply\\(\")(ctiflow\\.[A-Za-z0-9.-]+)");

    @Test
    void docsHoldTheCurrentConfigurationReference() throws IOException {
        String readme = Files.readString(Path.of("docs/configuration.md"));
        assertThat(readme).as("docs/configuration.md is stale: replace it with the output of ./ctiflow config --markdown")
                .contains(ConfigReference.shipped().markdown());
    }

    @Test
    void everyOptionReadByRoutesOrCodeIsShippedInApplicationProperties() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String dir : new String[] {"routes", "connectors", "ctiflow-stix/src/main/java", "ctiflow-core/src/main/java",
                "camel-ctiflow/src/main/java", "ctiflow-taxii-server/src/main/java", "ctiflow-app/src/main/java"}) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = USED.matcher(Files.readString(file));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        used.remove("ctiflow.home"); // set by the launcher, not an option
        ConfigReference reference = ConfigReference.shipped();
        assertThat(used).isNotEmpty().allSatisfy(key -> assertThat(reference.option(key)).as(key + " is read but not in ctiflow-defaults.properties").isPresent());
    }

    @Test
    void typosAreMatchedToTheOptionMeantAndEnvironmentNamesFollowCamel() {
        ConfigReference reference = ConfigReference.shipped();
        assertThat(reference.closest("ctiflow.inbox.dealy")).contains("ctiflow.inbox.delay");
        assertThat(reference.closest("something.else.entirely")).isEmpty();
        assertThat(ConfigReference.envName("ctiflow.taxii.server.admin-password-hash")).isEqualTo("CTIFLOW_TAXII_SERVER_ADMIN_PASSWORD_HASH");
        assertThat(reference.option("ctiflow.imap.password")).hasValueSatisfying(o -> assertThat(o.secret()).isTrue());
        assertThat(reference.option("ctiflow.batch.size")).hasValueSatisfying(o -> assertThat(o.secret()).isFalse());
    }
}
