package io.ctiflow.console;

import java.util.Locale;

/** What a console user may see: operators run the pipeline, compliance officers answer for what was shared. */
public enum Role {
    /** Overview, dead letters (and their replay), the TAXII collections. */
    OPERATOR,
    /** Overview, decisions with their explanation, the record of transfers, the policy. */
    COMPLIANCE;

    public static Role parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ctiflow.console.users: role must be operator or compliance, not '" + text.trim() + "'");
        }
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
