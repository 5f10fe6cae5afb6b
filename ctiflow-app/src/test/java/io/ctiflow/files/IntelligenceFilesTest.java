package io.ctiflow.files;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class IntelligenceFilesTest {

    @TempDir
    Path tmp;

    @AfterEach
    void reset() {
        IntelligenceFiles.setMode(IntelligenceFiles.Mode.OWNER_ONLY);
    }

    @Test
    void valuesAreNamedAndAnythingElseIsRefusedNamingTheOption() {
        assertThat(IntelligenceFiles.configure(" Group-Read ")).isEqualTo(IntelligenceFiles.Mode.GROUP_READ);
        assertThat(IntelligenceFiles.configure("")).isEqualTo(IntelligenceFiles.Mode.OWNER_ONLY);
        assertThatThrownBy(() -> IntelligenceFiles.configure("world"))
                .hasMessage("ctiflow.files.mode = 'world': expected owner-only or group-read");
    }

    @Test
    void onlyEmbeddedH2FilesHaveAFolderToProtect() {
        assertThat(IntelligenceFiles.h2Base("jdbc:h2:file:/var/lib/ctiflow/state/ctiflow;WRITE_DELAY=0;AUTO_SERVER=TRUE"))
                .contains(Path.of("/var/lib/ctiflow/state/ctiflow"));
        assertThat(IntelligenceFiles.h2Base("jdbc:h2:/srv/taxii")).contains(Path.of("/srv/taxii"));
        assertThat(IntelligenceFiles.h2Base("jdbc:h2:mem:x")).isEmpty();
        assertThat(IntelligenceFiles.h2Base("jdbc:h2:tcp://db/x")).isEmpty();
        assertThat(IntelligenceFiles.h2Base("jdbc:postgresql://db:5432/cti")).isEmpty();
    }

    @Test
    void existingFilesAreTightenedExistingFoldersKeptCreatedFoldersRestricted() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path old = Files.createDirectory(tmp.resolve("old"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path file = Files.writeString(old.resolve("urlhaus.jsonl"), "{}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IntelligenceFiles.prepare(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("{}\n");
        IntelligenceFiles.createDirectories(old.resolve("a/b"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old.resolve("a")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old.resolve("a/b")))).isEqualTo("rwx------");
    }
}
