package io.ctiflow.policy;

/**
 * FIRST IEP 2.0 markings: {@code encrypt_in_transit: must} goes only to destinations whose every
 * endpoint is encrypted; {@code unmodified_resale: must-not} never to destinations that resell;
 * {@code provider_attribution: must-not} removes the creator reference and withholds the
 * provider's identity object.
 */
final class IepRule implements Rule {

    @Override
    public String name() {
        return "iep";
    }

    @Override
    public String withholdReason(ObjectFacts o, Destination d, RuleContext context) {
        if (context.hiddenProviders().contains(o.id)) {
            return "identity of a provider whose IEP policy forbids provider attribution";
        }
        Iep iep = o.iep;
        if (iep == null) {
            return null;
        }
        if (iep.encryptInTransitMust() && !d.allEndpointsEncrypted()) {
            return "IEP " + iep.name() + " requires encryption in transit; an endpoint of " + d.id() + " is not encrypted";
        }
        if (iep.unmodifiedResaleMustNot() && d.resale()) {
            return "IEP " + iep.name() + " forbids resale; " + d.id() + " resells intelligence";
        }
        return null;
    }

    @Override
    public void edit(ObjectFacts o, Destination d, RuleContext context, ObjectEdit edit) {
        if (o.iep != null && o.iep.providerAttributionMustNot() && o.tree.has("created_by_ref")) {
            edit.removeProperty(name(), "created_by_ref", "IEP " + o.iep.name() + " forbids provider attribution");
        }
    }
}
