package io.ctiflow.misp;


import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The comparisons of one indicator pattern (all on one object type) as the values of a MISP object: a relation reads
 * the comparisons whose key is its template's type and path. Comparisons inside list elements (a pe's
 * {@code sections[*]}) are grouped in order: a path met again starts the next element, as MISP -> STIX writes one
 * section after the other. Where a section lacks a property the boundary is a guess; the values stay.
 */
final class PatternValues implements ReverseObjects.ValueSource {

    private final String type;
    private final List<PatternComparisons.Comparison> comparisons;
    private final int[] elements;

    PatternValues(String type, List<PatternComparisons.Comparison> comparisons) {
        this.type = type;
        this.comparisons = comparisons;
        this.elements = new int[comparisons.size()];
        int element = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < comparisons.size(); i++) {
            String key = comparisons.get(i).key();
            if (key.contains("[*].")) {
                if (!seen.add(key)) {
                    element++;
                    seen.clear();
                    seen.add(key);
                }
            }
            elements[i] = element;
        }
    }

    /** The comparisons as one object's values, or null when they are not all on one object type. */
    static PatternValues of(List<PatternComparisons.Comparison> comparisons) {
        List<PatternComparisons.Comparison> values = comparisons.stream().filter(c -> !c.key().endsWith(".type")).toList();
        if (values.isEmpty() || values.stream().map(PatternComparisons.Comparison::objectType).distinct().count() != 1) {
            return null;
        }
        return new PatternValues(values.get(0).objectType(), values);
    }

    /** How many comparisons there are (to tell whether an object holds them all). */
    int size() {
        return comparisons.size();
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public List<ReverseObjects.Read> read(Field field) {
        String key = type + ":" + String.join(".", field.segments);
        List<ReverseObjects.Read> out = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            if (comparisons.get(i).key().equals(key)) {
                out.add(new ReverseObjects.Read(comparisons.get(i).value(), elements[i], null));
            }
        }
        return out;
    }

    @Override
    public String property(String name) {
        for (PatternComparisons.Comparison c : comparisons) {
            if (c.key().equals(type + ":" + name) || c.key().equals(type + ":" + name + "[*]")) {
                return c.value();
            }
        }
        return null;
    }
}
