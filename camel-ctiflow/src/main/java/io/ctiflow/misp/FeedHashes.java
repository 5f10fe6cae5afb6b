package io.ctiflow.misp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
/**
 * A feed's hashes.csv in MISP's format, one line per attribute value: {@code <md5 of value>,<event uuid>}.
 * Only the number of hashes per event is kept (the CtiflowMispFeedHashCount header), for the events
 * being fetched. Lines in another layout (some feeds list file checksums there, {@code <uuid>.json,<md5>,<sha1>})
 * are not MISP's format: the file is then ignored with one warning.
 */
final class FeedHashes {

    private static final Logger LOG = LoggerFactory.getLogger(FeedHashes.class);
    private static final Pattern LINE = Pattern.compile("[0-9a-fA-F]{32},[0-9a-fA-F-]{36}");

    private final Map<String, Integer> counts;
    private final boolean known;

    private FeedHashes(Map<String, Integer> counts, boolean known) {
        this.counts = counts;
        this.known = known;
    }

    static FeedHashes none() {
        return new FeedHashes(Map.of(), false);
    }

    /** Counts the hashes of the wanted events; a file not in MISP's format gives {@link #none()}. */
    static FeedHashes read(InputStream in, String source, Set<String> wanted) {
        Map<String, Integer> counts = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!LINE.matcher(trimmed).matches()) {
                    LOG.warn("{} is not in MISP's hashes.csv format (<md5>,<event uuid>) at line {}; ignored",
                            source, number);
                    return none();
                }
                String uuid = trimmed.substring(33).toLowerCase(Locale.ROOT);
                if (wanted.contains(uuid)) {
                    counts.merge(uuid, 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new MispException("cannot read " + source + ": " + e.getMessage(), e);
        }
        return new FeedHashes(counts, true);
    }

    /** How many hashes the file lists for the event; empty when the file said nothing usable. */
    Optional<Integer> count(String uuid) {
        if (!known) {
            return Optional.empty();
        }
        return Optional.of(counts.getOrDefault(uuid, 0));
    }
}
