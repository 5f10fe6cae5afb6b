package io.ctiflow.policy;

/**
 * Only intelligence from configured sources is shared (their terms are otherwise unknown), and
 * only to destinations trusted at least as much as the source demands.
 */
final class SourceRule implements Rule {

    @Override
    public String name() {
        return "source";
    }

    @Override
    public String withholdReason(ObjectFacts o, Destination d, RuleContext context) {
        if (o.source == null) {
            return "the object names no source (no ctiflow provenance, and no source was given), so its sharing terms are unknown";
        }
        if (o.sourcePolicy == null) {
            return "source '" + o.source + "' has no entry in sources.yaml, so its sharing terms are unknown";
        }
        if (d.trust() < o.sourcePolicy.minTrust()) {
            return "source " + o.source + " shares only with trust " + context.policy().trustName(o.sourcePolicy.minTrust())
                    + " or higher; " + d.id() + " is trusted " + d.trustName();
        }
        return null;
    }
}
