package io.ctiflow.policy;

/**
 * Data localisation by origin: intelligence whose origin jurisdiction keeps it at home goes only
 * where that jurisdiction allows. An object whose origin cannot be determined, or whose origin
 * country belongs to no configured jurisdiction (without an unlisted_origins rule), is withheld.
 */
final class LocalisationRule implements Rule {

    @Override
    public String name() {
        return "localisation";
    }

    @Override
    public String withholdReason(ObjectFacts o, Destination d, RuleContext context) {
        if (o.origin == null) {
            return "origin jurisdiction unknown: no origin_jurisdiction in the provenance and none configured for source " + o.source;
        }
        Jurisdiction j = o.originJurisdiction;
        if (j == null) {
            return o.originBasis + ": " + o.origin + " belongs to no jurisdiction in jurisdictions.yaml and policy.yaml has no unlisted_origins rule";
        }
        if (j.localisation().allows(j.code(), d.jurisdiction(), o.holdsPersonalData())) {
            return null;
        }
        return o.originBasis + " (" + j.code() + "): " + j.localisation().describe() + "; " + d.id() + " is in " + d.jurisdiction();
    }
}
