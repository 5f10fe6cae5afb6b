package io.ctiflow.policy;

/**
 * The first gate: an object that breaks a MUST of STIX 2.1 is withheld, with the validator's reason. The other
 * rules read markings, references and provenance by their specified JSON types; a wrong type would read as
 * "absent" (an {@code object_marking_refs} string as unmarked), so nothing invalid reaches them.
 */
final class InvalidRule implements Rule {

    static final String NAME = "invalid";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String withholdReason(ObjectFacts o, Destination d, RuleContext context) {
        return o.invalid;
    }
}
