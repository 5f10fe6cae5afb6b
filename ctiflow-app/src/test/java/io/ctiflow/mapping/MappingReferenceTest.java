package io.ctiflow.mapping;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/mapping-reference.md is rendered from the mapping files; it must not drift from them. */
class MappingReferenceTest {

    @Test
    void theCommittedReferencePageMatchesTheMappingFiles() throws Exception {
        String rendered = MappingReference.render(new MappingLoader(Path.of("mappings")));
        Path page = Path.of("docs/mapping-reference.md");
        if (Boolean.getBoolean("ctiflow.docs.update")) {
            Files.writeString(page, rendered);
        }
        assertThat(Files.readString(page))
                .as("docs/mapping-reference.md is stale: run ./ctiflow mappings --markdown > docs/mapping-reference.md")
                .isEqualTo(rendered);
        assertThat(rendered).contains("## urlhaus", "## feodotracker", "## threatfox", "rejected: invalid ipv4");
    }
}
