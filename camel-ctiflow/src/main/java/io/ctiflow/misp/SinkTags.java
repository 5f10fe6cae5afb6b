package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.Tlp;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The MISP tags of what STIX -> MISP writes for one STIX object: its TLP (the stricter of the object's and the
 * observable's) as {@code tlp:<level>}, the RSIT classification and PAP of its provenance, its labels.
 */
final class SinkTags {

    private SinkTags() {
    }

    /** {@code source}: the indicator or observed-data (or the SCO itself); {@code sco}: the observable read, or null. */
    static Set<String> of(JsonNode source, JsonNode sco) {
        Set<String> tags = new LinkedHashSet<>();
        Tlp tlp = stricter(tlp(source), sco == null ? null : tlp(sco));
        if (tlp != null) {
            tags.add("tlp:" + tlp.level());
        }
        JsonNode provenance = source.path("extensions").path(CtiflowExtension.ID);
        JsonNode classification = provenance.path("classification");
        if ("rsit".equals(classification.path("taxonomy").asText()) && classification.hasNonNull("class")) {
            tags.add("rsit:" + classification.path("class").asText() + "=\"" + classification.path("type").asText() + "\"");
        }
        if (provenance.hasNonNull("pap")) {
            tags.add("PAP:" + provenance.get("pap").asText().toUpperCase(Locale.ROOT));
        }
        source.path("labels").forEach(l -> tags.add(l.asText()));
        return tags;
    }

    static Tlp tlp(JsonNode o) {
        Tlp tlp = null;
        for (JsonNode ref : o.path("object_marking_refs")) {
            tlp = stricter(tlp, Tlp.fromStandardMarkingId(ref.asText()).orElse(null));
        }
        return tlp;
    }

    /** The most restrictive TLP among an attribute's tags, or null. */
    static Tlp tagTlp(JsonNode attribute) {
        Tlp tlp = null;
        for (JsonNode t : attribute.path("Tag")) {
            String name = t.path("name").asText();
            tlp = name.startsWith("tlp:") ? stricter(tlp, Tlp.parse(name).orElse(null)) : tlp;
        }
        return tlp;
    }

    static Tlp stricter(Tlp a, Tlp b) {
        return a == null ? b : b == null ? a : b.isMoreRestrictiveThan(a) ? b : a;
    }
}
