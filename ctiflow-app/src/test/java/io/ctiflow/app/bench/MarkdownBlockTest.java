package io.ctiflow.app.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bench block is swapped or appended; every other byte of the page stays, and no temporary file is left. */
class MarkdownBlockTest {

    @TempDir
    Path tmp;

    private final MarkdownBlock taxii = new MarkdownBlock("taxii");

    @Test
    void replacesTheContentBetweenTheMarkersOnly() throws IOException {
        Path page = tmp.resolve("p.md");
        String before = "intro\u00a0é\r\n<!-- bench:store begin -->\nstore\n<!-- bench:store end -->\n";
        String after = "\n\ntail without newline";
        Files.writeString(page, before + "<!-- bench:taxii begin -->old\nlines\n<!-- bench:taxii end -->" + after);

        taxii.replace(page, "TAXII server", "| new |\n");

        assertThat(Files.readString(page)).isEqualTo(before + "<!-- bench:taxii begin -->\n| new |\n<!-- bench:taxii end -->" + after);
        assertThat(tmp.toFile().list()).containsExactly("p.md");
    }

    @Test
    void thePageKeepsItsPermissions() throws IOException {
        Path page = tmp.resolve("p.md");
        Files.writeString(page, "page\n");
        Set<PosixFilePermission> readable = PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(page, readable);

        taxii.replace(page, "TAXII server", "figures");

        assertThat(Files.getPosixFilePermissions(page)).isEqualTo(readable);
    }

    @Test
    void appendsAMissingBlockUnderAHeading() throws IOException {
        Path page = tmp.resolve("p.md");
        Files.writeString(page, "no final newline");

        taxii.replace(page, "TAXII server", "figures");

        assertThat(Files.readString(page)).isEqualTo("no final newline\n\n## TAXII server\n\n<!-- bench:taxii begin -->\nfigures\n<!-- bench:taxii end -->\n");
    }

    @Test
    void aHalfBlockIsAnErrorAndLeavesThePage() throws IOException {
        Path page = tmp.resolve("p.md");
        List<String> halves = List.of("<!-- bench:taxii begin -->\n", "x\n<!-- bench:taxii end -->\n");
        for (String half : halves) {
            Files.writeString(page, half);
            assertThatThrownBy(() -> taxii.replace(page, "TAXII server", "figures")).isInstanceOf(IllegalStateException.class).hasMessageContaining("bench:taxii");
            assertThat(Files.readString(page)).isEqualTo(half);
        }
    }
}
