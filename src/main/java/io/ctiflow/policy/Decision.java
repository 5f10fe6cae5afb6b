package io.ctiflow.policy;

/**
 * Why one object was shared, redacted or withheld for one destination.
 *
 * @param rule   the rule that withheld it, the rules that redacted it, or {@code all} when shared
 * @param reason a sentence a compliance officer can read
 */
public record Decision(String destination, String objectId, String objectType, Outcome outcome, String rule, String reason) {
}
