package io.ctiflow.misp;

import io.ctiflow.mapping.RecordRejected;
import io.ctiflow.stix.StixPatterns;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
/**
 * One mapped value: its kind, its STIX object path (e.g. {@code hashes.'SHA-256'},
 * {@code resolves_to_refs[*].value}) and, for reference paths, the type of the referenced SCO.
 * The pattern comparison is compiled once from the SCO type and the path.
 */
final class Field {

    final String name;
    final ValueKind kind;
    final String path;
    /** Path segments with quotes removed and "[*]" kept on the segment that is a list. */
    final List<String> segments;
    /** Referenced SCO type ("ip-addr" = decided by the value), or null when the path stays inside the object. */
    final String ref;
    final String personalData;
    /** For SDO objects: the value is an external reference of this source_name, path its property (url, external_id). */
    final String reference;
    /** The values STIX allows here (a closed vocabulary such as socket-ext's address_family), or null for any. */
    final Set<String> allowed;
    private final StixPatterns.Template pattern;
    private final StixPatterns.Template pattern6;

    Field(String name, ValueKind kind, String sco, String path, String ref, String personalData) {
        this(name, kind, sco, path, ref, personalData, null, null);
    }

    Field(String name, ValueKind kind, String sco, String path, String ref, String personalData, String reference,
          Set<String> allowed) {
        this.name = name;
        this.reference = reference;
        this.allowed = allowed;
        this.kind = kind;
        this.path = path;
        this.segments = split(path);
        this.ref = ref;
        this.personalData = personalData;
        String slot = kind.numeric() ? "{value:int}" : kind == ValueKind.DATETIME ? "t{value}"
                : kind == ValueKind.HEX ? "h{value}" : kind == ValueKind.BASE64 ? "b{value}" : "{value}";
        String comparison = sco + ":" + path + " = " + slot;
        this.pattern = StixPatterns.compile(comparison.replace("ip-addr:", "ipv4-addr:"));
        this.pattern6 = StixPatterns.compile(comparison.replace("ip-addr:", "ipv6-addr:"));
    }

    /** A MISP value checked and normalised by its kind, and refused when the field's vocabulary is closed and lacks it. */
    String normalize(String raw) throws RecordRejected {
        String value = kind.normalize(raw);
        if (allowed != null && !allowed.contains(value)) {
            throw new RecordRejected("'" + ValueKind.abbreviate(value) + "' is not one of " + new TreeSet<>(allowed)
                    + " (" + path + ")");
        }
        return value;
    }

    /** The comparison expression for one value (without brackets). */
    String comparison(String value, boolean ipv6Object) {
        return (ipv6Object ? pattern6 : pattern).fill(slot -> value);
    }

    boolean isList(int segment) {
        return segments.get(segment).endsWith("[*]");
    }

    static String bare(String segment) {
        return segment.endsWith("[*]") ? segment.substring(0, segment.length() - 3) : segment;
    }

    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted || current.isEmpty()) {
            throw new IllegalArgumentException("malformed object path '" + path + "'");
        }
        out.add(current.toString());
        return List.copyOf(out);
    }
}
