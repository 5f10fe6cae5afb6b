package io.ctiflow.policy;

/**
 * Why one object was shared, redacted or withheld for one destination, and what the audit log needs to trace it.
 *
 * @param rule     the rule that withheld it, the rules that redacted it, or {@code all} when shared
 * @param reason   a sentence a compliance officer can read
 * @param modified the object's version ({@code modified}), or null for objects without one (observables)
 * @param source   the source the policy applied to the object, or null when unknown
 * @param record   the source's own id of the record the object came from (provenance {@code source_record}), or null
 * @param input    the bundle's input context (input, bundle name)
 * @param personal what happened to the personal data the object holds, or null when it holds none or none was transferred
 */
public record Decision(String destination, String objectId, String objectType, Outcome outcome, String rule, String reason,
                       String modified, String source, String record, InputContext input, PersonalDataTransfer personal) {

    public Decision(String destination, String objectId, String objectType, Outcome outcome, String rule, String reason) {
        this(destination, objectId, objectType, outcome, rule, reason, null, null, null, InputContext.NONE, null);
    }
}
