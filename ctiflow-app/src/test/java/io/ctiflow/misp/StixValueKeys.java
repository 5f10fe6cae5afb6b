package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.mapping.RecordRejected;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
/**
 * What two STIX outputs are compared on, as comparable keys {@code <type>:<path>=<value>}: the comparisons
 * of STIX-language indicator patterns and the property values of cyber-observables. Paths lose their quotes
 * and list indices, hash names their hyphens (SHA-256 = SHA256), registry keys their hive abbreviations ({@code hashes.'SHA-256'} = {@code hashes.SHA-256}, {@code sections[0]} = {@code sections[*]}),
 * values their quotes and escapes, timestamps their zero milliseconds; values are compared case-insensitively.
 * References ({@code *_ref(s)}, their {@code .type} guards in patterns) are not values: the referenced object's
 * own values are. Custom properties ({@code x_*}) and custom objects ({@code x-*}) are kept apart in
 * {@link Keys#custom()}: ctiflow writes none, so they are reported but not counted.
 */
final class StixValueKeys {

    /** {@code <type>:<path> <op> <literal>} inside a pattern; literals may hold escaped quotes. */
    private static final Pattern COMPARISON = Pattern.compile(
            "([a-z][a-z0-9-]*):((?:'[^']*'|[A-Za-z0-9_\\-\\[\\]*.])+)\\s*(=|!=|<=|>=|<|>|LIKE|MATCHES)\\s*"
                    + "(t'(?:[^'\\\\]|\\\\.)*'|'(?:[^'\\\\]|\\\\.)*'|h'[^']*'|b'[^']*'|-?\\d+(?:\\.\\d+)?|true|false)");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final Pattern MILLIS = Pattern.compile("(T\\d\\d:\\d\\d:\\d\\d)\\.0+Z$");
    private static final Set<String> NOT_VALUES = Set.of("id", "type", "spec_version", "defanged", "object_marking_refs", "granular_markings");

    record Keys(Set<String> comparisons, Set<String> observables, Set<String> custom) {
        Keys() {
            this(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        }
    }

    private StixValueKeys() {
    }

    /** The keys of a list (or bundle) of STIX objects. */
    static Keys of(JsonNode objects) {
        JsonNode list = objects.has("objects") ? objects.get("objects") : objects;
        Keys keys = new Keys();
        for (JsonNode o : list) {
            String type = o.path("type").asText();
            if (type.equals("indicator") && o.path("pattern_type").asText("stix").equals("stix")) {
                comparisons(o.path("pattern").asText(), keys);
            } else if (isObservable(o)) {
                leaves(type, "", o, keys);
            }
        }
        return keys;
    }

    static void comparisons(String pattern, Keys keys) {
        Matcher m = COMPARISON.matcher(pattern);
        while (m.find()) {
            String type = m.group(1);
            String path = hashName(INDEX.matcher(m.group(2).replace("'", "")).replaceAll("[*]"));
            if (path.endsWith("_ref.type") || path.endsWith("_refs[*].type")) {
                continue; // a guard on the referenced object's type, not a value
            }
            String op = m.group(3).equals("=") ? "=" : " " + m.group(3) + " ";
            String key = type + ":" + path + op + value(type, path, literal(m.group(4)));
            (custom(type, path) ? keys.custom() : keys.comparisons()).add(key);
        }
    }

    /** An SCO: an object with an id and no {@code created} (SDOs, SROs and definitions all have one). */
    private static boolean isObservable(JsonNode o) {
        return o.has("id") && !o.has("created") && !o.path("type").asText().equals("bundle");
    }

    private static void leaves(String type, String path, JsonNode node, Keys keys) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String name = f.getKey();
                if ((path.isEmpty() && NOT_VALUES.contains(name)) || name.endsWith("_ref") || name.endsWith("_refs")
                        || name.startsWith("extension-definition--")) {
                    continue;
                }
                leaves(type, path.isEmpty() ? name : hashName(path + "." + name), f.getValue(), keys);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                leaves(type, path + "[*]", item, keys);
            }
        } else if (!node.isNull()) {
            String key = type + ":" + path + "=" + value(type, path, node.asText());
            (custom(type, path) ? keys.custom() : keys.observables()).add(key);
        }
    }

    /** Hash names without their hyphens: misp-stix writes SHA-224 in patterns and SHA224 in observables. */
    static String hashName(String path) {
        int at = path.lastIndexOf("hashes.");
        return at < 0 ? path : path.substring(0, at + 7) + path.substring(at + 7).replace("-", "");
    }

    private static boolean custom(String type, String path) {
        return type.startsWith("x-") || path.startsWith("x_") || path.contains(".x_");
    }

    private static String literal(String literal) {
        String body = literal;
        if (body.startsWith("t'") || body.startsWith("h'") || body.startsWith("b'")) {
            body = body.substring(1);
        }
        if (body.startsWith("'") && body.endsWith("'") && body.length() >= 2) {
            StringBuilder out = new StringBuilder(body.length());
            for (int i = 1; i < body.length() - 1; i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length() - 1) {
                    c = body.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
        return body;
    }

    /** A value as compared: registry hives spelled out (HKLM = HKEY_LOCAL_MACHINE), no zero milliseconds, lower case. */
    private static String value(String type, String path, String raw) {
        String v = raw.trim();
        if (type.equals("windows-registry-key") && path.equals("key") && !v.isEmpty()) {
            try {
                v = ValueKind.REGKEY.normalize(v);
            } catch (RecordRejected e) {
                throw new IllegalStateException(e);
            }
        }
        return MILLIS.matcher(v).replaceFirst("$1Z").toLowerCase(Locale.ROOT);
    }
}
