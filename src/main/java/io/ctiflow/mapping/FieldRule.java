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

    FieldRule(String target, String describedAs, ValueSource source, List<Transform> transforms, boolean required) {
        this.target = target;
        this.describedAs = describedAs;
        this.source = source;
        this.transforms = transforms.toArray(Transform[]::new);
        this.required = required;
    }

    /** The rule's values for a record after every transform; empty when the record has none. */
    List<String> evaluate(SourceRecord record) throws RecordRejected {
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
}
