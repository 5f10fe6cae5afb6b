package io.ctiflow.policy;

import java.util.Locale;

/** What a destination gets of one object. */
public enum Outcome {
    SHARED, REDACTED, WITHHELD;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
