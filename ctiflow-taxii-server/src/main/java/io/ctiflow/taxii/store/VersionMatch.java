package io.ctiflow.taxii.store;

import java.util.ArrayList;
import java.util.List;

/** TAXII {@code match[version]}: any of {@code last} (the default), {@code first}, {@code all} or timestamps. */
public record VersionMatch(boolean all, boolean first, boolean last, List<Long> versions) {

    public static final VersionMatch LAST = new VersionMatch(false, false, true, List.of());
    public static final VersionMatch ALL = new VersionMatch(true, false, false, List.of());

    /** Parses the comma-separated values; null or empty gives the default ({@code last}). */
    public static VersionMatch parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return LAST;
        }
        boolean all = false;
        boolean first = false;
        boolean last = false;
        List<Long> versions = new ArrayList<>();
        for (String value : values) {
            for (String v : value.split(",")) {
                switch (v.strip()) {
                    case "all" -> all = true;
                    case "first" -> first = true;
                    case "last" -> last = true;
                    default -> versions.add(TaxiiTime.parse(v.strip()));
                }
            }
        }
        return new VersionMatch(all, first, last, List.copyOf(versions));
    }
}
