package io.ctiflow.mapping;

import java.util.List;

/** One named value transform of a mapping rule (trim, refang, date, lookup...). */
interface Transform {

    /** The transformed value, or null to drop the value. */
    String apply(String value) throws RecordRejected;

    /** Transforms that turn one value into several (split) override this. */
    default void applyTo(String value, List<String> out) throws RecordRejected {
        String result = apply(value);
        if (result != null) {
            out.add(result);
        }
    }

    /** Transforms that may yield several values from one (split) say so, so single-valued rules take a faster path. */
    default boolean multiplies() {
        return false;
    }

    /** Transforms that supply a value when there is none (default) override this. */
    default String whenEmpty() {
        return null;
    }
}
