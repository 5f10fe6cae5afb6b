package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.mapping.RecordRejected;
import io.ctiflow.misp.MispObjectDefinitions.Definition;
import io.ctiflow.misp.MispRules.ObjectTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * object-templates.yaml read backwards, for STIX -> MISP: the template that describes an observable (or the
 * comparisons of one indicator pattern) best, and the object attributes read off it through the same relation
 * paths MISP -> STIX writes, typed as MISP defines the relation ({@link MispObjectDefinitions}). Templates that
 * fold into another (pe into file, pe-section into pe) come back as parts of it: one pe-section per sections
 * element. Several relations on one path (domain and hostname on domain-name:value) are tried checking kinds before
 * free text, then in the preferred order, then by name; the first whose kind accepts the value takes it.
 */
final class ReverseObjects {

    /** One attribute of a MISP object. */
    record ObjectAttribute(String relation, String type, String value) {
    }

    /**
     * A MISP object to write: its template, attributes, the objects it includes (a file's pe, a pe's sections), and
     * how many of its own attributes only repeat the template's constant (the tcp of a network-connection).
     */
    record ObjectValues(Definition definition, List<ObjectAttribute> attributes, List<ObjectValues> parts, int defaults) {
        ObjectValues(Definition definition, List<ObjectAttribute> attributes, List<ObjectValues> parts) {
            this(definition, attributes, parts, 0);
        }

        /** The attributes of this object and its parts. */
        int size() {
            return attributes.size() + parts.stream().mapToInt(ObjectValues::size).sum();
        }
    }

    /** A value read at a field's path: element is the index in the first list on the way (-1 outside lists), refId the object followed. */
    record Read(String value, int element, String refId) {
    }

    /** Where the values come from: an observable (with the objects it references) or the comparisons of a pattern. */
    interface ValueSource {
        String type();

        List<Read> read(Field field);

        /** The value of a top-level property as text (lists joined by ','), or null. */
        String property(String name);
    }

    private static final char SEP = '\u001f';

    private final List<ObjectTemplate> candidates = new ArrayList<>();
    private final Map<String, List<ObjectTemplate>> foldedInto = new HashMap<>();
    private final MispObjectDefinitions definitions;
    private final List<String> preferredRelations;

    ReverseObjects(MispMappings mappings, MispObjectDefinitions definitions) {
        this.definitions = definitions;
        this.preferredRelations = definitions.preferredRelations();
        List<String> order = definitions.preferredTemplates();
        for (ObjectTemplate t : mappings.objectTemplates.values()) {
            if (t.skip() != null || definitions.get(t.name()) == null) {
                continue;
            }
            if (t.foldInto() != null) {
                foldedInto.computeIfAbsent(t.foldInto(), k -> new ArrayList<>()).add(t);
            } else {
                candidates.add(t);
            }
        }
        candidates.sort(Comparator.comparingInt((ObjectTemplate t) -> order.contains(t.name()) ? order.indexOf(t.name()) : order.size())
                .thenComparing(ObjectTemplate::name));
        foldedInto.values().forEach(l -> l.sort(Comparator.comparing(ObjectTemplate::name)));
    }

    /** The MISP object that reads most values off the source (ties: the preferred template), or null when none reads one. */
    ObjectValues best(ValueSource source, Set<String> usedRefs) {
        ObjectValues best = null;
        Set<String> bestRefs = Set.of();
        int bestScore = Integer.MIN_VALUE;
        for (ObjectTemplate t : candidates) {
            if (!source.type().equals(t.sco() != null ? t.sco() : t.sdo())) {
                continue;
            }
            Set<String> refs = new HashSet<>();
            ObjectValues values = object(t, source, new HashSet<>(), refs);
            if (values == null) {
                continue;
            }
            int score = values.size() - values.defaults() + constantsScore(t, source);
            if (score > bestScore) {
                best = values;
                bestScore = score;
                bestRefs = refs;
            }
        }
        usedRefs.addAll(bestRefs);
        return best;
    }

    /** A template's object: its own attributes, then the templates folding into it on the paths it does not map itself. */
    private ObjectValues object(ObjectTemplate t, ValueSource source, Set<String> excluded, Set<String> refs) {
        Map<Integer, Integer> defaults = new HashMap<>();
        Map<Integer, List<ObjectAttribute>> byElement = attributes(t, source, excluded, refs, false, defaults);
        List<ObjectAttribute> own = byElement.getOrDefault(-1, List.of());
        Set<String> below = new HashSet<>(excluded);
        t.relations().values().forEach(f -> below.add(f.path));
        List<ObjectValues> parts = new ArrayList<>();
        for (ObjectTemplate child : foldedInto.getOrDefault(t.name(), List.of())) {
            if (perElement(child)) {
                attributes(child, source, below, refs, true, new HashMap<>()).forEach((element, list) ->
                        parts.add(new ObjectValues(definitions.get(child.name()), list, List.of())));
            } else {
                ObjectValues part = object(child, source, below, refs);
                if (part != null) {
                    parts.add(part);
                }
            }
        }
        if (own.isEmpty() && parts.isEmpty()) {
            return null;
        }
        return new ObjectValues(definitions.get(t.name()), own, List.copyOf(parts), defaults.getOrDefault(-1, 0));
    }

    /** A template all of whose paths lie inside one list (pe-section in sections[*]): one object per list element. */
    private static boolean perElement(ObjectTemplate t) {
        return t.relations().values().stream()
                .allMatch(f -> f.segments.subList(0, f.segments.size() - 1).stream().anyMatch(seg -> seg.endsWith("[*]")));
    }

    /** The attributes of one template by list element (-1: all of them, when not per element). */
    private Map<Integer, List<ObjectAttribute>> attributes(ObjectTemplate t, ValueSource source, Set<String> excluded, Set<String> refs,
                                                           boolean byElement, Map<Integer, Integer> defaults) {
        Definition definition = definitions.get(t.name());
        Map<Integer, List<ObjectAttribute>> out = new TreeMap<>();
        Set<String> claimed = new HashSet<>();
        for (String relation : relationsInOrder(t)) {
            Field f = t.relations().get(relation);
            String type = definition.types().get(relation);
            if (type == null || excluded.contains(f.path)) {
                continue; // a relation MISP's template no longer has, or a path the enclosing object reads
            }
            for (Read r : source.read(f)) {
                int element = byElement ? r.element() : -1;
                String claim = f.path + SEP + element + SEP + r.value();
                if (claimed.contains(claim)) {
                    continue;
                }
                String value;
                try {
                    value = f.normalize(r.value());
                } catch (RecordRejected | RuntimeException e) {
                    continue; // this relation's kind refuses the value: another relation on the path may take it
                }
                claimed.add(claim);
                if (r.refId() != null) {
                    refs.add(r.refId());
                }
                out.computeIfAbsent(element, k -> new ArrayList<>()).add(new ObjectAttribute(relation, type, value));
                if (isConstant(t, f, r.value())) {
                    defaults.merge(element, 1, Integer::sum);
                }
            }
        }
        return out;
    }

    /** Relations with a checking kind first (an e-mail before free text on an identity's contact_information), then preferred, then by name. */
    private List<String> relationsInOrder(ObjectTemplate t) {
        return t.relations().keySet().stream().sorted(Comparator.comparing((String r) -> isFreeText(t.relations().get(r)))
                .thenComparingInt(r -> preferredRelations.contains(r) ? preferredRelations.indexOf(r) : preferredRelations.size())
                .thenComparing(r -> r)).toList();
    }

    private static boolean isFreeText(Field f) {
        return f.kind == ValueKind.TEXT || f.kind == ValueKind.LOWERCASE;
    }

    /**
     * A value equal to the template's constant on its path (the protocol tcp of a network-connection, a pe's type exe)
     * may be the mapping's default rather than data: it is written (the STIX says it) but does not make the template
     * read more than another.
     */
    private static boolean isConstant(ObjectTemplate t, Field f, String value) {
        JsonNode c = t.constants().get(Field.bare(f.path)); // protocols[*] against the constant protocols
        if (c == null) {
            c = t.constants().get(f.path);
        }
        if (c == null) {
            return false;
        }
        if (c.isArray()) {
            for (JsonNode v : c) {
                if (v.asText().equalsIgnoreCase(value)) {
                    return true;
                }
            }
            return false;
        }
        return c.asText().equalsIgnoreCase(value);
    }

    /**
     * Constants that tell templates of one STIX type apart (account_type github, identity_class organization): +1 when the
     * source has the template's value, -1 when it has another. An identity template without identity_class is individual,
     * as MISP -> STIX writes it.
     */
    private static int constantsScore(ObjectTemplate t, ValueSource source) {
        int score = 0;
        Map<String, String> constants = new HashMap<>();
        t.constants().fields().forEachRemaining(c -> {
            if (Field.split(c.getKey()).size() == 1) {
                constants.put(c.getKey(), text(c.getValue()));
            }
        });
        if ("identity".equals(t.sdo())) {
            constants.putIfAbsent("identity_class", "individual");
        }
        for (Map.Entry<String, String> c : constants.entrySet()) {
            String actual = source.property(c.getKey());
            if (actual != null) {
                score += actual.equalsIgnoreCase(c.getValue()) ? 1 : -1;
            }
        }
        return score;
    }

    static String text(JsonNode n) {
        if (!n.isArray()) {
            return n.asText();
        }
        List<String> parts = new ArrayList<>();
        n.forEach(v -> parts.add(v.asText()));
        return String.join(",", parts);
    }
}
