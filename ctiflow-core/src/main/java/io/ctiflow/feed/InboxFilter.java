package io.ctiflow.feed;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inbox route's file filter (bean {@code inboxFilter}): only regular files and folders that are
 * really inside the inbox are read. A symbolic link (to a file or a folder) or anything resolving
 * outside the inbox is skipped: the file consumer would otherwise read a linked file into the dead
 * letter and move a linked folder's files out of their folder into {@code .done/}. Each skipped
 * path is logged once (the inbox is scanned every second), naming it.
 */
public final class InboxFilter implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(InboxFilter.class);

    private final Path inbox;
    private final Set<Path> reported = ConcurrentHashMap.newKeySet();

    public InboxFilter(Path inbox) {
        this.inbox = inbox.toAbsolutePath().normalize();
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        Path path = file.getFile().toPath().toAbsolutePath();
        String refusal = refusal(path);
        if (refusal == null) {
            return true;
        }
        if (reported.add(path)) {
            LOG.warn("inbox: ignoring {}: {}", path, refusal);
        }
        return false;
    }

    /** Why the path is not an input, or null when it is one. */
    private String refusal(Path path) {
        try {
            if (Files.isSymbolicLink(path)) {
                return "a symbolic link (to " + Files.readSymbolicLink(path) + "); inputs must be files inside the inbox";
            }
            Path real = path.toRealPath();
            if (!real.startsWith(inbox.toRealPath())) {
                return "resolves through a symbolic link to " + real + ", outside the inbox " + inbox;
            }
            return null;
        } catch (IOException e) {
            return "cannot be resolved (" + e.getMessage() + ")";
        }
    }
}
