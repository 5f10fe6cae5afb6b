package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.mapping.MappingException;
import io.ctiflow.mapping.RecordRejected;
import io.ctiflow.misp.MispRules.AttributeRule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
/**
 * attribute-types.yaml read backwards, for STIX -> MISP: the set of pattern comparison keys
 * ({@code ipv4-addr:value}, {@code file:name} + {@code file:hashes.MD5}) of every observable type, and
 * per SCO type the types that can be read off such an object. Types sharing the same STIX paths are
 * ranked by {@code stix_to_misp.preferred}; the first whose value kinds accept the value wins.
 */
final class ReverseMappings {

    /** A MISP attribute type and value (composite parts joined by '|'). */
    record TypedValue(String type, String value) {
    }

    private final Map<Set<String>, List<AttributeRule>> byComparisons = new HashMap<>();
    private final Map<String, List<AttributeRule>> bySco = new HashMap<>();
    private final Map<String, String> byPatternType = new HashMap<>();
    private final Map<String, String> bySdo = new HashMap<>();

    ReverseMappings(MispMappings mappings) {
        Comparator<AttributeRule> rank = Comparator.comparingInt((AttributeRule r) -> {
            int i = mappings.preferred.indexOf(r.type());
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(AttributeRule::type);
        for (AttributeRule rule : mappings.attributeTypes.values()) {
            if (rule.sco() != null) {
                for (String sco : concrete(rule.sco())) {
                    Set<String> keys = new TreeSet<>();
                    rule.fields().forEach(f -> keys.add(sco + ":" + String.join(".", f.segments)));
                    byComparisons.computeIfAbsent(keys, k -> new ArrayList<>()).add(rule);
                    if (!rule.patternOnly()) {
                        bySco.computeIfAbsent(sco, k -> new ArrayList<>()).add(rule);
                    }
                }
            } else if ("indicator".equals(rule.sdo())) {
                byPatternType.put(rule.patternType(), rule.type());
            } else if ("vulnerability".equals(rule.sdo()) || "campaign".equals(rule.sdo()) || "note".equals(rule.sdo())) {
                String current = bySdo.get(rule.sdo());
                if (current == null || rank.compare(rule, mappings.attributeTypes.get(current)) < 0) {
                    bySdo.put(rule.sdo(), rule.type());
                }
            }
        }
        byComparisons.forEach((keys, rules) -> {
            rules.sort(rank);
            List<String> unranked = rules.stream().map(AttributeRule::type).filter(t -> !mappings.preferred.contains(t)).toList();
            if (rules.size() > 1 && !unranked.isEmpty()) {
                throw new MappingException(mappings.attributeTypesFile, "stix_to_misp.preferred",
                        "types " + rules.stream().map(AttributeRule::type).toList() + " all map to " + keys
                                + "; list " + unranked + " to say which one STIX -> MISP chooses");
            }
        });
        // most fields first (filename|sha256 before sha256), then the preferred order
        bySco.values().forEach(rules -> rules.sort(Comparator.comparingInt((AttributeRule r) -> -r.fields().size()).thenComparing(rank)));
    }

    private static List<String> concrete(String sco) {
        return sco.equals("ip-addr") ? List.of("ipv4-addr", "ipv6-addr") : List.of(sco);
    }

    /** The attribute for comparisons that must all hold (one, or an AND), or null when no type combines exactly these paths. */
    TypedValue fromComparisons(List<PatternComparisons.Comparison> comparisons) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> refTypes = new HashMap<>(); // "network-traffic:dst_ref" -> "ipv4-addr" from "dst_ref.type = 'ipv4-addr'"
        for (PatternComparisons.Comparison c : comparisons) {
            if (c.key().matches("[^:]+:[a-z0-9_]+_refs?(\\[\\*])?\\.type")) {
                refTypes.put(c.key().substring(0, c.key().length() - ".type".length()), c.value());
                continue;
            }
            if (values.put(c.key(), c.value()) != null) {
                return null; // the same path twice: no composite type has that
            }
        }
        List<AttributeRule> rules = byComparisons.get(new TreeSet<>(values.keySet()));
        if (rules == null) {
            return null;
        }
        for (AttributeRule rule : rules) {
            if (!refTypesFit(rule, refTypes)) {
                continue;
            }
            TypedValue typed = typed(rule, f -> {
                for (String sco : concrete(rule.sco())) {
                    String v = values.get(sco + ":" + String.join(".", f.segments));
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            });
            if (typed != null) {
                return typed;
            }
        }
        return null;
    }

    /** Whether the type constraints of the pattern ({@code dst_ref.type = 'ipv4-addr'}) fit the rule's referenced SCO types. */
    private static boolean refTypesFit(AttributeRule rule, Map<String, String> refTypes) {
        for (Map.Entry<String, String> e : refTypes.entrySet()) {
            boolean fits = false;
            for (Field f : rule.fields()) {
                String prefix = rule.sco() + ":" + f.segments.get(0);
                if (f.ref != null && e.getKey().equals(prefix)) {
                    fits = f.ref.equals(e.getValue()) || f.ref.equals("ip-addr") && e.getValue().matches("ipv[46]-addr");
                }
            }
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    /** The MISP attribute type for an indicator of this pattern_type (sigma, snort, yara), or null. */
    String patternType(String patternType) {
        return byPatternType.get(patternType);
    }

    /** The MISP attribute type for a vulnerability, campaign or note (text, by stix_to_misp.preferred), or null. */
    String sdoType(String stixType) {
        return bySdo.get(stixType);
    }

    /**
     * The attributes an SCO holds: the types with most fields first, each path used once (a file with
     * name, MD5 and SHA-256 gives filename|md5 and sha256). {@code resolve} finds referenced objects;
     * the ids of those whose values were used are added to {@code usedRefs}.
     */
    List<TypedValue> fromObservable(JsonNode sco, Map<String, JsonNode> resolve, Set<String> usedRefs) {
        List<TypedValue> out = new ArrayList<>();
        Set<String> consumed = new HashSet<>();
        for (AttributeRule rule : bySco.getOrDefault(sco.path("type").asText(), List.of())) {
            if (rule.fields().stream().anyMatch(f -> consumed.contains(String.join(".", f.segments)))) {
                continue;
            }
            Set<String> refs = new HashSet<>();
            TypedValue typed = typed(rule, f -> read(sco, f, resolve, refs));
            if (typed != null) {
                out.add(typed);
                rule.fields().forEach(f -> consumed.add(String.join(".", f.segments)));
                usedRefs.addAll(refs);
            }
        }
        return out;
    }

    /** The value of a field on an SCO (first element of lists), following *_ref(s) (also inside list elements) to the referenced object. */
    private static String read(JsonNode sco, Field f, Map<String, JsonNode> resolve, Set<String> refs) {
        List<ReverseObjects.Read> values = new ObservableValues(sco, resolve).read(f);
        if (values.isEmpty()) {
            return null;
        }
        if (values.get(0).refId() != null) {
            refs.add(values.get(0).refId());
        }
        return values.get(0).value();
    }

    /** The rule's value from one raw value per field, or null when a field is missing or its kind rejects the value. */
    private static TypedValue typed(AttributeRule rule, Function<Field, String> valueOf) {
        List<String> parts = new ArrayList<>();
        for (Field f : rule.fields()) {
            String raw = valueOf.apply(f);
            if (raw == null) {
                return null;
            }
            try {
                parts.add(f.normalize(raw));
            } catch (RecordRejected | RuntimeException e) {
                return null;
            }
        }
        return new TypedValue(rule.type(), String.join("|", parts));
    }
}
