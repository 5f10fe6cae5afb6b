package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Tlp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the tags of an event or attribute say: the TLP (1.0 or 2.0 tags, as a TLP 2.0 level), the PAP
 * level, and the remaining tags as labels ({@code rsit:*} and other machine tags kept verbatim).
 * {@code misp-galaxy:*} tags are not labels: the Galaxy blocks carry the clusters they name.
 */
record MispTags(Tlp tlp, String pap, List<String> labels) {

    static final MispTags NONE = new MispTags(null, null, List.of());
    private static final List<String> PAP_ORDER = List.of("clear", "white", "green", "amber", "red");

    static MispTags of(JsonNode tags) {
        if (tags == null || !tags.isArray() || tags.isEmpty()) {
            return NONE;
        }
        Tlp tlp = null;
        String pap = null;
        Set<String> labels = new LinkedHashSet<>();
        for (JsonNode tag : tags) {
            String name = tag.isTextual() ? tag.asText() : tag.path("name").asText("");
            String lower = name.trim().toLowerCase(Locale.ROOT);
            if (lower.isEmpty() || lower.startsWith("misp-galaxy:")) {
                continue;
            }
            if (lower.startsWith("tlp:")) {
                Tlp parsed = Tlp.parse(lower).orElse(null);
                if (parsed != null) {
                    tlp = tlp == null || parsed.isMoreRestrictiveThan(tlp) ? parsed : tlp;
                    continue;
                }
            }
            if (lower.startsWith("pap:")) {
                String level = lower.substring(4).trim().replace("\"", "");
                if (PAP_ORDER.contains(level)) {
                    pap = stricterPap(pap, level);
                    continue;
                }
            }
            labels.add(name.trim());
        }
        return new MispTags(tlp, pap, List.copyOf(labels));
    }

    /** These tags over a parent's: own TLP/PAP win when present, otherwise the parent's apply; labels stay own. */
    MispTags inherit(MispTags parent) {
        return new MispTags(tlp != null ? tlp : parent.tlp, pap != null ? pap : parent.pap, labels);
    }

    /** The most restrictive TLP and PAP of both, and the labels of both. */
    MispTags combine(MispTags other) {
        Tlp t = tlp == null ? other.tlp : other.tlp == null || !other.tlp.isMoreRestrictiveThan(tlp) ? tlp : other.tlp;
        List<String> all = new ArrayList<>(labels);
        other.labels.stream().filter(l -> !all.contains(l)).forEach(all::add);
        return new MispTags(t, other.pap == null ? pap : stricterPap(pap, other.pap), List.copyOf(all));
    }

    private static String stricterPap(String a, String b) {
        if (a == null) {
            return "white".equals(b) ? "clear" : b;
        }
        String nb = "white".equals(b) ? "clear" : b;
        return PAP_ORDER.indexOf(nb) > PAP_ORDER.indexOf(a) ? nb : a;
    }
}
