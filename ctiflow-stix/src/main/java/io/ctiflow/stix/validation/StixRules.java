package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ctiflow.stix.Tlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The STIX 2.1 constants of {@code stix21-rules.yaml}, read once and looked up by object type. */
final class StixRules {

    enum Category { SDO, SRO, SCO, META, CUSTOM }

    /** Inclusive bounds; null means unbounded. */
    record Bounds(boolean integer, Double min, Double max) {
    }

    record TimestampOrder(String earlier, String later, boolean strict) {
    }

    private static final String RESOURCE = "stix21-rules.yaml";
    private static final String ANY_TYPE = "*";

    private final JsonNode root;
    private final Map<String, Category> categories = new HashMap<>();
    private final Map<String, Pattern> hashFormats = new LinkedHashMap<>();
    private final Map<String, Set<String>> vocabularies = new HashMap<>();
    private final Set<String> timestampNames;
    private final Set<String> tlp1Markings;

    private StixRules(JsonNode root) {
        this.root = root;
        root.path("categories").properties().forEach(e -> {
            Category category = Category.valueOf(e.getKey().toUpperCase(Locale.ROOT));
            e.getValue().forEach(type -> categories.put(type.asText(), category));
        });
        root.path("hashFormats").properties().forEach(
                e -> hashFormats.put(e.getKey(), Pattern.compile(e.getValue().asText())));
        root.path("vocabularies").properties().forEach(
                e -> vocabularies.put(e.getKey(), Collections.unmodifiableSet(new LinkedHashSet<>(strings(e.getValue())))));
        timestampNames = Set.copyOf(strings(root.path("timestamps")));
        tlp1Markings = Set.copyOf(strings(root.path("tlp1Markings")));
    }

    /** The rules, loaded on first use. */
    static StixRules get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final StixRules INSTANCE = load();

        private static StixRules load() {
            try (InputStream in = StixRules.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing classpath resource " + RESOURCE);
                }
                return new StixRules(new YAMLMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    Category category(String type) {
        return categories.getOrDefault(type, Category.CUSTOM);
    }

    List<String> required(String type) {
        return strings(root.path("required").path(type));
    }

    List<String> atLeastOne(String type) {
        return strings(root.path("atLeastOne").path(type));
    }

    List<String> exactlyOne(String type) {
        return strings(root.path("exactlyOne").path(type));
    }

    /** property -> the property it needs beside it. */
    Map<String, String> requiresAlso(String type) {
        Map<String, String> pairs = new LinkedHashMap<>();
        root.path("requiresAlso").path(type).properties().forEach(e -> pairs.put(e.getKey(), e.getValue().asText()));
        return pairs;
    }

    boolean isTimestampProperty(String name) {
        return name.endsWith("_time") || timestampNames.contains(name);
    }

    List<TimestampOrder> timestampOrder(String type) {
        List<TimestampOrder> orders = new ArrayList<>();
        for (JsonNode rule : root.path("timestampOrder")) {
            List<String> types = strings(rule.path("types"));
            if (types.contains(ANY_TYPE) || types.contains(type)) {
                orders.add(new TimestampOrder(rule.path("earlier").asText(), rule.path("later").asText(),
                        rule.path("strict").asBoolean(false)));
            }
        }
        return orders;
    }

    /** property -> bounds, for the type and for every type. */
    Map<String, Bounds> bounds(String type) {
        Map<String, Bounds> bounds = new LinkedHashMap<>();
        for (String section : List.of("ranges", "numberRanges")) {
            boolean integer = section.equals("ranges");
            for (String key : List.of(ANY_TYPE, type)) {
                root.path(section).path(key).properties().forEach(e -> bounds.put(e.getKey(),
                        new Bounds(integer, number(e.getValue().path(0)), number(e.getValue().path(1)))));
            }
        }
        return bounds;
    }

    Set<String> booleans(String type) {
        Set<String> names = new LinkedHashSet<>(strings(root.path("booleans").path(ANY_TYPE)));
        names.addAll(strings(root.path("booleans").path(type)));
        return names;
    }

    /** property path -> vocabulary name. */
    Map<String, String> vocabularyUse(String type) {
        Map<String, String> use = new LinkedHashMap<>();
        root.path("vocabularyUse").path(type).properties().forEach(e -> use.put(e.getKey(), e.getValue().asText()));
        return use;
    }

    Set<String> vocabulary(String name) {
        return vocabularies.getOrDefault(name, Set.of());
    }

    /** The spec's naming: open vocabularies end in -ov, closed enumerations in -enum. */
    static boolean isOpenVocabulary(String name) {
        return name.endsWith("-ov");
    }

    Set<String> hashAlgorithms() {
        return hashFormats.keySet();
    }

    /** True when the algorithm (vocabulary spelling) is known and the value does not have its format. */
    boolean isMalformedHash(String algorithm, String value) {
        Pattern format = hashFormats.get(algorithm);
        return format != null && !format.matcher(value).matches();
    }

    /** The vocabulary spelling of an algorithm name written loosely ("sha256", "SHA_256"), or null. */
    String canonicalHashName(String algorithm) {
        String squeezed = squeeze(algorithm);
        return hashFormats.keySet().stream().filter(name -> squeeze(name).equals(squeezed)).findFirst().orElse(null);
    }

    /** The TLP 1.0 and TLP 2.0 marking-definitions, which a bundle may reference without including them. */
    boolean isStandardMarking(String id) {
        return tlp1Markings.contains(id) || Tlp.fromMarkingId(id).isPresent();
    }

    /** The allowed-target entries for a reference property path, or an empty list when anything goes. */
    List<String> referenceTargets(String type, String path) {
        JsonNode specific = root.path("referenceTargets").path(type).path(path);
        return strings(specific.isMissingNode() ? root.path("referenceTargets").path(ANY_TYPE).path(path) : specific);
    }

    /** Whether an object of {@code targetType} may be referenced by a property with these target entries. */
    boolean allowsTarget(List<String> entries, String targetType) {
        boolean anyPositive = false;
        boolean matched = false;
        for (String entry : entries) {
            boolean negated = entry.startsWith("!");
            boolean hit = matches(negated ? entry.substring(1) : entry, targetType, negated);
            if (negated && hit) {
                return false;
            }
            if (!negated) {
                anyPositive = true;
                matched |= hit;
            }
        }
        return !anyPositive || matched;
    }

    private boolean matches(String entry, String type, boolean negated) {
        Category wanted = categoryToken(entry);
        if (wanted == null) {
            return entry.equals(type);
        }
        Category actual = category(type);
        // a custom type could be of any category: let it through, never exclude it
        return actual == Category.CUSTOM ? !negated : actual == wanted;
    }

    private static Category categoryToken(String entry) {
        for (Category c : Category.values()) {
            if (c != Category.CUSTOM && c.name().equals(entry)) {
                return c;
            }
        }
        return null;
    }

    private static String squeeze(String algorithm) {
        return algorithm.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
