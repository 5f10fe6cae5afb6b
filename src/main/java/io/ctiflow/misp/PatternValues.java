package io.ctiflow.misp;


import java.util.ArrayList;
import java.util.List;

/**
 * The comparisons of one indicator pattern (all on one object type) as the values of a MISP object: a relation reads
 * the comparisons whose key is its template's type and path. The n-th comparison of a key is element n, so the
 * sections of a pe, written one after the other, come back as separate pe-section objects.
 */
final class PatternValues implements ReverseObjects.ValueSource {

    private final String type;
    private final List<PatternComparisons.Comparison> comparisons;

    PatternValues(String type, List<PatternComparisons.Comparison> comparisons) {
        this.type = type;
        this.comparisons = comparisons;
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
        int element = 0;
        for (PatternComparisons.Comparison c : comparisons) {
            if (c.key().equals(key)) {
                out.add(new ReverseObjects.Read(c.value(), element++, null));
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
