package io.ctiflow.policy;

import java.util.Set;

/**
 * A data-localisation rule for intelligence that originates in a jurisdiction.
 *
 * @param rule             free, stay or only_to
 * @param to               for only_to: the jurisdictions the data may go to (its own is always allowed)
 * @param personalDataOnly the rule binds only objects that hold personal data
 */
public record Localisation(Rule rule, Set<String> to, boolean personalDataOnly) {

    public enum Rule { FREE, STAY, ONLY_TO }

    /** Whether data from {@code origin} may go to a destination in {@code destination}. */
    public boolean allows(String origin, String destination, boolean holdsPersonalData) {
        if (rule == Rule.FREE || (personalDataOnly && !holdsPersonalData) || origin.equals(destination)) {
            return true;
        }
        return rule == Rule.ONLY_TO && to.contains(destination);
    }

    public String describe() {
        String scope = personalDataOnly ? "personal data" : "intelligence";
        return switch (rule) {
            case FREE -> "no localisation rule";
            case STAY -> scope + " may not leave the jurisdiction";
            case ONLY_TO -> scope + " may go only to " + String.join(", ", to);
        };
    }
}
