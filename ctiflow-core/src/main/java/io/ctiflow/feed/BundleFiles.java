package io.ctiflow.feed;

import io.ctiflow.files.IntelligenceFiles;
import io.ctiflow.pipeline.Batch;
import io.ctiflow.pipeline.Stages;
import io.ctiflow.pipeline.StixDataFormat;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
/**
 * Writes a bundle file so that it appears only whole: under {@code .writing-<name>} beside it,
 * then renamed. When writing fails (disk full, read-only folder) the temporary file is removed
 * and the error names the folder and the cause; Camel's file producer leaves the partial temporary
 * file behind. The temporary name is fixed per bundle, so a run killed mid-write leaves at most one
 * that the restarted run overwrites when it writes that bundle again.
 */
public final class BundleFiles {

    static final String TEMP_PREFIX = ".writing-";
    private static final StixDataFormat PLAIN = new StixDataFormat();

    private static void marshal(Exchange exchange, Object body, OutputStream out) throws IOException {
        try {
            stix(exchange).marshal(exchange, body, out);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The route's STIX data format (its pretty-printing option), or a plain one. */
    private static StixDataFormat stix(Exchange exchange) {
        StixDataFormat configured = exchange.getContext().getRegistry().lookupByNameAndType("stix", StixDataFormat.class);
        return configured != null ? configured : PLAIN;
    }

    /** The body (a batch or objects, written as a bundle, or a marshalled bundle) to {@code directory}/{@code CamelFileName}, which may name a sub-folder. */
    public void write(Exchange exchange, String directory) throws IOException {
        Path dir = Path.of(directory);
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        Path target = dir.resolve(name).normalize();
        if (!target.startsWith(dir.normalize())) {
            throw new IOException("bundle name " + name + " points outside " + dir);
        }
        Path temp = target.resolveSibling(TEMP_PREFIX + target.getFileName());
        long started = System.nanoTime();
        try {
            // folders created here and the file get the mode of files holding intelligence (ctiflow.files.mode)
            IntelligenceFiles.createDirectories(target.getParent());
            IntelligenceFiles.prepare(temp);
            Object body = exchange.getIn().getBody();
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                if (body instanceof Batch || body instanceof Collection<?>) {
                    // serialised straight into the file: no bundle-sized array (a megabyte per share bundle, which G1
                    // allocates as a humongous object and answers with a concurrent cycle)
                    marshal(exchange, body, out);
                } else {
                    try (InputStream in = exchange.getIn().getMandatoryBody(InputStream.class)) {
                        in.transferTo(out);
                    }
                }
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Stages.WRITE.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (IOException | InvalidPayloadException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            String cause = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
            throw new IOException("cannot write bundle " + target.getFileName() + " to " + target.getParent() + ": " + cause, e);
        }
    }
}
