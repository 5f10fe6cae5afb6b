package io.ctiflow.policy;

/** Embargoed destinations, and destinations in embargoed jurisdictions, receive nothing. */
final class EmbargoRule implements Rule {

    @Override
    public String name() {
        return "embargo";
    }

    @Override
    public String withholdReason(ObjectFacts o, Destination d, RuleContext context) {
        return context.policy().embargoed(d) ? "destination " + d.id() + " (jurisdiction " + d.jurisdiction() + ") is under embargo" : null;
    }
}
