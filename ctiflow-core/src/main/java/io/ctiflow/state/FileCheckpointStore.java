package io.ctiflow.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.files.IntelligenceFiles;
import io.ctiflow.stix.Stix;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;
/**
 * Checkpoints as files: {@code <dir>/<key>.json}, one per key. A save writes a temporary file in the
 * same folder, forces it to disk, renames it over the old file (atomically where the file system
 * can) and forces the folder, so a crash leaves either the old or the new checkpoint, never half a
 * file. A file that is not a JSON object is reported, not replaced.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final ObjectMapper JSON = Stix.strictJson();

    private final Path dir;

    public FileCheckpointStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** The file that holds the checkpoint of this key. */
    public Path fileOf(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid checkpoint key '" + key
                    + "' (letters, digits, '.', '_' and '-' only, at most 200 characters)");
        }
        return dir.resolve(key + ".json");
    }

    @Override
    public Optional<ObjectNode> load(String key) {
        Path file = fileOf(key);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw corrupt(file, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw corrupt(file, "not a JSON object", null);
        }
        return Optional.of((ObjectNode) node);
    }

    @Override
    public void save(String key, ObjectNode checkpoint) {
        Path file = fileOf(key);
        Path temp = null;
        try {
            IntelligenceFiles.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + key + ".", ".tmp");
            IntelligenceFiles.restrict(temp); // 0600 already; 0640 with group-read
            // a stream, not a FileChannel: channels close when the thread is interrupted, and Camel interrupts a
            // consumer's poll thread when it stops it; the checkpoint of what was already delivered must still land
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(checkpoint));
                out.getFD().sync();
            }
            move(temp, file);
            temp = null;
            forceDirectory();
        } catch (IOException e) {
            throw new CheckpointException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original failure is the one worth reporting
                }
            }
        }
    }

    private static void move(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename durable; file systems that cannot open a folder for syncing are left as they are. */
    private void forceDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on this platform (e.g. Windows); the rename itself already happened
        }
    }

    private static CheckpointException corrupt(Path file, String why, Exception cause) {
        return new CheckpointException("checkpoint " + file + " is corrupt: " + why
                + "; fix or delete the file to start again from the configured 'since'", cause);
    }

    @Override
    public String toString() {
        return "FileCheckpointStore[" + dir + "]";
    }
}
