package io.ctiflow.app;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
            this.temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
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
