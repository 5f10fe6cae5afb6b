package io.ctiflow.app;

import io.ctiflow.runtime.CtiflowRuntime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
/**
 * Every option ctiflow knows, read from the shipped ctiflow-defaults.properties: key, default and the
 * comment above it. One source for docs/configuration.md, for {@code ctiflow config}
 * and for {@code ctiflow run --check} (which reports options it does not know, usually typos).
 */
public final class ConfigReference {

    /** One option: its key, default (as written, placeholders unresolved) and the comment block it belongs to. */
    public record Option(String key, String defaultValue, String description) {

        /** The environment variable that overrides it: upper case, '.' and '-' become '_'. */
        public String environmentVariable() {
            return envName(key);
        }

        /** Whether its value is a secret (shown masked): only placeholders for secrets are shipped. */
        public boolean secret() {
            return SECRET.matcher(key).find();
        }
    }

    private static final Pattern SECRET = Pattern.compile("(?i)(password|secret|token|api-?key)(-hash)?$");

    private final List<Option> options;

    private ConfigReference(List<Option> options) {
        this.options = List.copyOf(options);
    }

    /** The options of the ctiflow-defaults.properties on the classpath. */
    public static ConfigReference shipped() {
        try (InputStream in = ConfigReference.class.getResourceAsStream("/" + CtiflowRuntime.DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("ctiflow-defaults.properties is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses properties text: a comment block describes the keys that follow it until a blank line. */
    static ConfigReference parse(String text) {
        List<Option> options = new ArrayList<>();
        StringBuilder comment = new StringBuilder();
        boolean afterKey = false;
        try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    comment.setLength(0);
                    afterKey = false;
                } else if (trimmed.startsWith("#")) {
                    if (afterKey) {
                        // a comment after keys starts the next block
                        comment.setLength(0);
                        afterKey = false;
                    }
                    comment.append(comment.isEmpty() ? "" : " ").append(trimmed.substring(1).strip());
                } else {
                    int eq = trimmed.indexOf('=');
                    String key = (eq < 0 ? trimmed : trimmed.substring(0, eq)).strip();
                    String value = eq < 0 ? "" : trimmed.substring(eq + 1).strip();
                    options.add(new Option(key, value, comment.toString()));
                    afterKey = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConfigReference(options);
    }

    public List<Option> options() {
        return options;
    }

    public Optional<Option> option(String key) {
        return options.stream().filter(o -> o.key().equals(key)).findFirst();
    }

    /** Whether ctiflow reads this key: a shipped option, or an option of Camel (camel.*), which Camel checks itself. */
    public boolean knows(String key) {
        return key.startsWith("camel.") || option(key).isPresent();
    }

    /** The known ctiflow option closest to a mistyped key (edit distance at most a third of its length), if any. */
    public Optional<String> closest(String key) {
        return options.stream().map(Option::key)
                .min(Comparator.comparingInt(k -> distance(k, key)))
                .filter(k -> distance(k, key) <= Math.max(2, key.length() / 3));
    }

    /** The environment variable name Camel's properties component looks up for a key. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * docs/configuration.md: one table per comment block of ctiflow-defaults.properties,
     * with option, environment variable and default. Regenerate with {@code ./ctiflow config --markdown}.
     */
    public String markdown() {
        Map<String, List<Option>> blocks = new LinkedHashMap<>();
        for (Option o : options) {
            blocks.computeIfAbsent(o.description(), d -> new ArrayList<>()).add(o);
        }
        StringBuilder md = new StringBuilder();
        for (Map.Entry<String, List<Option>> block : blocks.entrySet()) {
            // '<' escaped: placeholders like <destination> are not HTML tags
            md.append('\n').append(block.getKey().isEmpty() ? "(no description)" : block.getKey().replace("<", "\\<")).append("\n\n");
            md.append("| option | environment variable | default |\n|---|---|---|\n");
            for (Option o : block.getValue()) {
                md.append("| `").append(o.key()).append("` | `").append(o.environmentVariable()).append("` | ")
                        .append(o.defaultValue().isEmpty() ? "(empty)" : "`" + o.defaultValue().replace("|", "\\|") + "`").append(" |\n");
            }
        }
        return md.toString();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
