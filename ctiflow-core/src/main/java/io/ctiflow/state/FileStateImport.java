package io.ctiflow.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The upgrade step from file state to the state store: checkpoint files {@code <work>/state/<key>.json}
 * and the IMAP UID file {@code imap-uids.dat} are copied into the store on start, each only where the
 * store has nothing yet, so it runs once in effect and never overwrites newer state. The files are
 * left where they are (an endpoint may still name that folder as its own checkpointDir). A corrupt
 * file stops the start with its name, like a corrupt checkpoint would.
 */
public final class FileStateImport {

    private static final Logger LOG = LoggerFactory.getLogger(FileStateImport.class);

    private FileStateImport() {
    }

    /** Copies the checkpoint files of {@code dir} into the store where it has no checkpoint for that key; returns the keys copied. */
    public static List<String> checkpoints(Path dir, CheckpointStore target) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        FileCheckpointStore files = new FileCheckpointStore(dir);
        List<String> keys;
        try (Stream<Path> s = Files.list(dir)) {
            keys = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoint files in " + dir, e);
        }
        List<String> copied = keys.stream().filter(key -> target.load(key).isEmpty()).peek(key -> {
            ObjectNode checkpoint = files.load(key).orElseThrow();
            target.save(key, checkpoint);
        }).toList();
        if (!copied.isEmpty()) {
            LOG.info("imported {} checkpoint file(s) from {} into the state store: {}", copied.size(), dir, copied);
        }
        return copied;
    }

    /** Copies the keys of a camel FileIdempotentRepository file (one per line) into an empty repository; returns how many. */
    public static int seenKeys(Path file, JdbcIdempotentRepository target) {
        if (!Files.isRegularFile(file) || target.size() > 0) {
            return 0;
        }
        List<String> keys;
        try {
            keys = Files.readAllLines(file).stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int added = (int) keys.stream().filter(target::add).count();
        LOG.info("imported {} key(s) from {} into the state store", added, file);
        return added;
    }
}
