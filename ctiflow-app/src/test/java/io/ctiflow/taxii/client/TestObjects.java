package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Valid STIX 2.1 indicators for the TAXII tests: deterministic ids per (prefix, n), padding to reach a size. */
final class TestObjects {

    static final String TIME = "2024-05-01T10:00:00.000Z";

    private TestObjects() {
    }

    static StixObject indicator(String prefix, int n, int padding) {
        ObjectNode o = Stix.mapper().createObjectNode();
        o.put("type", "indicator");
        o.put("spec_version", "2.1");
        o.put("id", "indicator--" + UUID.nameUUIDFromBytes((prefix + "-" + n).getBytes()));
        o.put("created", TIME);
        o.put("modified", TIME);
        o.put("name", prefix + " " + n + (padding > 0 ? " " + "x".repeat(padding) : ""));
        o.put("pattern", "[ipv4-addr:value = '198.51.100." + (n % 250) + "']");
        o.put("pattern_type", "stix");
        o.put("valid_from", TIME);
        return StixObject.of(o);
    }

    static List<StixObject> indicators(String prefix, int count) {
        List<StixObject> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(indicator(prefix, i, 0));
        }
        return all;
    }
}
