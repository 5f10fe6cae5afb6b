package io.ctiflow.policy;

/**
 * The one-line explanation of a decision, as {@code ctiflow explain} prints it and the web console shows it
 * for a decision of the audit trail: one wording wherever a compliance officer reads why.
 */
public final class Explanation {

    private Explanation() {
    }

    /** {@code withheld indicator--...  [tlp] TLP:AMBER above the destination's TLP:GREEN}. */
    public static String line(String outcome, String objectId, String rule, String reason) {
        return String.format("%-8s %s  [%s] %s", outcome, objectId, rule, reason);
    }

    public static String line(Decision d) {
        return line(d.outcome().word(), d.objectId(), d.rule(), d.reason());
    }
}
