package io.ctiflow.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one policy for files that hold intelligence (bundle files, shared bundles, dead letters and
 * rejects, the audit log, checkpoints, the H2 files of the state and TAXII stores, what the demo's
 * webhook receives): who besides ctiflow's own user may read them. Option {@value #OPTION}:
 * {@code owner-only} (default: files 0600, folders ctiflow creates for them 0700) or {@code group-read}
 * (0640 / 0750). Folders that already exist keep their mode; files are set whenever ctiflow creates or
 * opens them for writing. On file systems without POSIX permissions nothing is set (logged at debug).
 *
 * <p>The mode is process-wide: the runtime sets it from its configuration at start
 * ({@link #configure}); commands that run without it (ctiflow serve, dead-letter, convert) take
 * {@code CTIFLOW_FILES_MODE} from the environment, else the default.
 */
public final class IntelligenceFiles {

    public static final String OPTION = "ctiflow.files.mode";
    public static final String ENVIRONMENT = "CTIFLOW_FILES_MODE";

    private static final Logger LOG = LoggerFactory.getLogger(IntelligenceFiles.class);

    /** Who may read: the values of {@value #OPTION}. */
    public enum Mode {
        OWNER_ONLY("owner-only", "rw-------", "rwx------"),
        GROUP_READ("group-read", "rw-r-----", "rwxr-x---");

        private final String word;
        private final Set<PosixFilePermission> file;
        private final Set<PosixFilePermission> directory;

        Mode(String word, String file, String directory) {
            this.word = word;
            this.file = Set.copyOf(PosixFilePermissions.fromString(file));
            this.directory = Set.copyOf(PosixFilePermissions.fromString(directory));
        }

        public String word() {
            return word;
        }

        public Set<PosixFilePermission> file() {
            return file;
        }

        public Set<PosixFilePermission> directory() {
            return directory;
        }

        /** The mode a configured value names (case and surrounding blanks ignored). */
        public static Mode parse(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            for (Mode m : values()) {
                if (m.word.equals(v)) {
                    return m;
                }
            }
            throw new IllegalArgumentException(OPTION + " = '" + value + "': expected owner-only or group-read");
        }
    }

    private static volatile Mode mode = fromEnvironment();

    private IntelligenceFiles() {
    }

    private static Mode fromEnvironment() {
        String value = System.getenv(ENVIRONMENT);
        if (value == null || value.isBlank()) {
            return Mode.OWNER_ONLY;
        }
        try {
            return Mode.parse(value);
        } catch (IllegalArgumentException e) {
            // fail closed: a mistyped value never opens files up; the runtime's configure() reports it
            LOG.warn("{} (from {}); using owner-only", e.getMessage(), ENVIRONMENT);
            return Mode.OWNER_ONLY;
        }
    }

    public static Mode mode() {
        return mode;
    }

    public static void setMode(Mode newMode) {
        mode = newMode == null ? Mode.OWNER_ONLY : newMode;
    }

    /** Sets the mode from a configured value (blank: the default); throws naming the option on anything else. */
    public static Mode configure(String value) {
        setMode(value == null || value.isBlank() ? Mode.OWNER_ONLY : Mode.parse(value));
        return mode;
    }

    /**
     * Creates {@code dir} like {@link Files#createDirectories}; every folder created here gets the
     * directory mode (subject to nothing: the umask is overridden). Existing folders are left as they are.
     */
    public static Path createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            missing.push(p);
        }
        if (missing.isEmpty()) {
            return dir;
        }
        if (!posix(absolute)) {
            Files.createDirectories(dir);
            return dir;
        }
        Mode m = mode;
        FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(m.directory());
        for (Path p : missing) {
            try {
                Files.createDirectory(p, attribute);
                set(p, m.directory());
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(p)) {
                    throw raced;
                }
            }
        }
        return dir;
    }

    /**
     * Makes sure {@code file} exists with the file mode before it is written: created with it (no moment
     * readable by others), or set on the existing file (tightening files of earlier versions).
     */
    public static Path prepare(Path file) throws IOException {
        if (!posix(file)) {
            return file;
        }
        Mode m = mode;
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(m.file()));
        } catch (FileAlreadyExistsException exists) {
            // written before: set below
        }
        set(file, m.file());
        return file;
    }

    /** Sets the file mode on a file ctiflow has just written (e.g. a temporary file before its rename). */
    public static void restrict(Path file) throws IOException {
        if (posix(file)) {
            set(file, mode.file());
        }
    }

    /** Sets the directory mode on a folder ctiflow owns (one it created, e.g. an H2 database's folder it made). */
    public static void restrictDirectory(Path dir) throws IOException {
        if (posix(dir)) {
            set(dir, mode.directory());
        }
    }

    /** The H2 file suffixes of a database {@code <base>}: the store, and the files H2 may add beside it. */
    private static final List<String> H2_SUFFIXES = List.of(".mv.db", ".trace.db", ".lock.db", ".h2.db", ".mv.db.tempFile");

    /**
     * Before an embedded H2 database is opened: creates its folder with the directory mode (H2 would
     * create it world-readable). Returns the database's base path, empty for anything that is not an
     * H2 file database (PostgreSQL, in-memory, a TCP server).
     */
    public static Optional<Path> beforeH2Open(String jdbcUrl) throws IOException {
        Optional<Path> base = h2Base(jdbcUrl);
        if (base.isPresent() && base.get().getParent() != null) {
            createDirectories(base.get().getParent());
        }
        return base;
    }

    /**
     * After an embedded H2 database was opened (its {@code .mv.db} exists): sets the file mode on its
     * files. Failures are logged, not thrown: the store is open and the folder protects it.
     */
    public static void afterH2Open(Optional<Path> base) {
        if (base.isEmpty()) {
            return;
        }
        for (String suffix : H2_SUFFIXES) {
            Path file = base.get().resolveSibling(base.get().getFileName() + suffix);
            try {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(file);
                }
            } catch (IOException e) {
                LOG.warn("cannot set the mode of {}: {}", file, e.getMessage());
            }
        }
    }

    /** The file path of an embedded H2 URL ({@code jdbc:h2:file:<path>;...} or {@code jdbc:h2:<path>}), without settings. */
    static Optional<Path> h2Base(String url) {
        if (url == null || !url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            rest = rest.substring(0, semicolon);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:") || rest.contains(":") && !rest.matches("^[A-Za-z]:[\\\\/].*")) {
            return Optional.empty(); // in-memory, a server, or another H2 file system (zip:, nio...:)
        }
        if (rest.isBlank()) {
            return Optional.empty();
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Optional.of(Path.of(rest).toAbsolutePath().normalize());
    }

    private static boolean posix(Path p) {
        boolean supported = p.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!supported) {
            LOG.debug("{}: no POSIX permissions on this file system, mode not set", p);
        }
        return supported;
    }

    private static void set(Path p, Set<PosixFilePermission> permissions) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(permissions)) {
                Files.setPosixFilePermissions(p, permissions);
            }
        } catch (UnsupportedOperationException e) {
            LOG.debug("{}: no POSIX permissions ({}), mode not set", p, e.getMessage());
        } catch (NoSuchFileException gone) {
            throw gone;
        } catch (FileSystemException e) {
            throw new FileSystemException(p.toString(), null, "cannot set its mode to "
                    + PosixFilePermissions.toString(permissions) + " (" + OPTION + "): " + (e.getReason() != null ? e.getReason() : e.getMessage()));
        }
    }
}
