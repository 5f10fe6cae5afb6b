package io.ctiflow.policy;

import java.util.Locale;

/** What a destination gets of a personal-data value. Ordered from least to most protective, except DROP. */
public enum PersonalDataAction {
    KEEP, GENERALISE, PSEUDONYMISE, REDACT, DROP;

    public static PersonalDataAction parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
