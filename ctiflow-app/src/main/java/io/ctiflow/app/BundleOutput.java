package io.ctiflow.app;

import io.ctiflow.files.IntelligenceFiles;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
/**
 * Where {@code convert} writes its bundle: standard output, or a file that appears only when
 * complete (written under a temporary name beside it, then renamed), so a failed conversion never
 * leaves half a bundle behind.
 */
final class BundleOutput implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final OutputStream stream;
    private boolean committed;

    BundleOutput(Path output) throws IOException {
        this.target = output != null ? output.toAbsolutePath() : null;
        if (target != null) {
            removeStale(target);
            this.temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            IntelligenceFiles.restrict(temp); // 0600 already; 0640 with group-read
            this.stream = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
        } else {
            this.temp = null;
            this.stream = new FilterOutputStream(System.out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // never close standard output
                }
            };
        }
    }

    /** A temporary file not written to for this long belongs to a killed run, not to one still writing. */
    private static final Duration STALE = Duration.ofMinutes(10);

    /**
     * Removes what a killed convert left beside the target: only this target's own temporary names
     * ({@code .<name><digits>.tmp}, see the constructor), only when untouched for {@link #STALE}.
     */
    private static void removeStale(Path target) throws IOException {
        String prefix = "." + target.getFileName();
        Instant before = Instant.now().minus(STALE);
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp")
                        && name.substring(prefix.length(), name.length() - 4).matches("\\d+")
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    OutputStream stream() {
        return stream;
    }

    /** Publishes the file under its name; call after the bundle was closed successfully. */
    void commit() throws IOException {
        stream.close();
        if (temp != null) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        committed = true;
    }

    /** Removes the temporary file unless {@link #commit()} ran. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            stream.close();
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
