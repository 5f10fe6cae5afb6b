package io.ctiflow.misp;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coverage tables of mappings/misp/README.md are the mapping files rendered (MispCoverageTable), so the
 * documentation cannot drift from behaviour. After changing a mapping file, regenerate them with
 * {@code mvn -q test -Dtest=MispCoverageTableTest -Dctiflow.regenerate=true} and commit the README.
 */
class MispCoverageTableTest {

    @Test
    void readmeCoverageIsTheRenderedMappingFiles() throws Exception {
        String rendered = MispCoverageTable.render(new MispMappings(Path.of("mappings/misp")));
        if (Boolean.getBoolean("ctiflow.regenerate")) {
            MispCoverageTable.main(new String[0]);
        }
        String readme = Files.readString(MispCoverageTable.README);
        assertThat(MispCoverageTable.section(readme)).as("mappings/misp/README.md coverage section (regenerate: -Dctiflow.regenerate=true)")
                .isEqualTo(rendered);
        assertThat(rendered).contains("| `ip-dst\\|port` |", "| `pe` |", "folded into the `file` object", "| `link` |");
    }
}
