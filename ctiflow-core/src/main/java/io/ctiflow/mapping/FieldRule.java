package io.ctiflow.mapping;

import java.util.ArrayList;
import java.util.List;

/** One entry of a mapping file's {@code fields}: a taxonomy field, where its values come from, and their transforms. */
final class FieldRule {

    final String target;
    final String describedAs;
    final ValueSource source;
    final Transform[] transforms;
    final boolean required;
    private final boolean singleValued;

    FieldRule(String target, String describedAs, ValueSource source, List<Transform> transforms, boolean required) {
        this.target = target;
        this.describedAs = describedAs;
        this.source = source;
        this.transforms = transforms.toArray(Transform[]::new);
        this.required = required;
        this.singleValued = source.single() && transforms.stream().noneMatch(Transform::multiplies);
    }

    /** The rule's values for a record after every transform; empty when the record has none. */
    List<String> evaluate(SourceRecord record) throws RecordRejected {
        if (singleValued) {
            String value = evaluateOne(record);
            return value == null ? List.of() : List.of(value);
        }
        List<String> values = new ArrayList<>(2);
        source.values(record, values);
        for (Transform transform : transforms) {
            if (values.isEmpty()) {
                String fallback = transform.whenEmpty();
                if (fallback != null) {
                    values.add(fallback);
                }
                continue;
            }
            List<String> next = new ArrayList<>(values.size());
            for (String value : values) {
                transform.applyTo(value, next);
            }
            values = next;
        }
        if (values.isEmpty() && required) {
            throw new RecordRejected("empty value for " + target + " (" + describedAs + ")");
        }
        return values;
    }

    /** The common case of one value in, one value out, without lists: most rules of most feeds. */
    private String evaluateOne(SourceRecord record) throws RecordRejected {
        String value = source.value(record);
        for (Transform transform : transforms) {
            value = value == null ? transform.whenEmpty() : transform.apply(value);
        }
        if (value == null && required) {
            throw new RecordRejected("empty value for " + target + " (" + describedAs + ")");
        }
        return value;
    }
}
