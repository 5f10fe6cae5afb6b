package io.ctiflow.policy;

import io.ctiflow.stix.StixBundleReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code ctiflow policy diff} and the console's policy page both do: pick the outbox's newest bundles and
 * replay them through the policy before and after a change.
 */
public final class PolicyDiffReplay {

    private PolicyDiffReplay() {
    }

    /** Each bundle's objects into {@code diff}; {@code source} and {@code origin} for objects without ctiflow provenance (may be null). */
    public static PolicyDiff replay(PolicyDiff diff, List<Path> bundles, String source, String origin) throws IOException {
        for (Path bundle : bundles) {
            diff.add(StixBundleReader.read(bundle), new InputContext(source, origin, bundle.toString(), bundle.getFileName().toString()));
        }
        return diff;
    }

    /** The newest {@code n} bundle files of the outbox, newest first. */
    public static List<Path> recentBundles(Path outbox, int n) throws IOException {
        if (!Files.isDirectory(outbox)) {
            throw new IllegalArgumentException("no bundles given and no outbox " + outbox + " (give bundle files, or --outbox)");
        }
        try (Stream<Path> files = Files.list(outbox)) {
            List<Path> newest = files.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(PolicyDiffReplay::modified).reversed()).limit(Math.max(1, n)).toList();
            if (newest.isEmpty()) {
                throw new IllegalArgumentException("the outbox " + outbox + " holds no bundle");
            }
            return newest;
        }
    }

    /** An example's fate before or after, in one line: {@code withheld [tlp] reason} (long reasons cut). */
    public static String fate(Outcome outcome, String rule, String reason) {
        String r = reason.length() > 140 ? reason.substring(0, 139) + "…" : reason;
        return outcome == null ? r : outcome.word() + " [" + rule + "] " + r;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
