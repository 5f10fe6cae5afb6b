package io.ctiflow.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * The block of a Markdown file between {@code <!-- bench:MODE begin -->} and {@code <!-- bench:MODE end -->}:
 * {@link #replace} swaps its content and leaves every other byte of the file as it was; a file without the
 * markers gets them at its end, under a heading. Written to a temporary file and renamed, so a reader (or a
 * killed bench) never sees half a page.
 */
public final class MarkdownBlock {

    private final String mode;

    public MarkdownBlock(String mode) {
        this.mode = mode;
    }

    public String begin() {
        return "<!-- bench:" + mode + " begin -->";
    }

    public String end() {
        return "<!-- bench:" + mode + " end -->";
    }

    /** Puts {@code content} between this mode's markers in {@code file}, adding them (under {@code heading}) when missing. */
    public void replace(Path file, String heading, String content) throws IOException {
        String page = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        String body = "\n" + content.strip() + "\n";
        int begin = page.indexOf(begin());
        String updated;
        if (begin < 0) {
            if (page.contains(end())) {
                throw new IllegalStateException(file + " has " + end() + " but no " + begin());
            }
            String separator = page.isEmpty() ? "" : page.endsWith("\n") ? "\n" : "\n\n";
            updated = page + separator + "## " + heading + "\n\n" + begin() + body + end() + "\n";
        } else {
            int from = begin + begin().length();
            int to = page.indexOf(end(), from);
            if (to < 0) {
                throw new IllegalStateException(file + " has " + begin() + " but no " + end() + " after it");
            }
            updated = page.substring(0, from) + body + page.substring(to);
        }
        write(file, updated);
    }

    private static void write(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            if (Files.exists(target) && Files.getFileStore(target).supportsFileAttributeView(PosixFileAttributeView.class)) {
                // a temporary file is private (0600): the page keeps the permissions it had
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
