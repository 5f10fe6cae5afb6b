package io.ctiflow.policy;

import java.util.Set;

/**
 * MISP's own sharing restrictions, kept in the provenance: distribution 0 (your organisation only)
 * never leaves; 1 (this community) and 2 (connected communities) go to destinations in the
 * communities the source maps them to; 4 (a sharing group) only to the group's member destinations.
 */
final class MispDistributionRule implements Rule {

    @Override
    public String name() {
        return "misp-distribution";
    }

    @Override
    public String withholdReason(ObjectFacts o, Destination d, RuleContext context) {
        if (o.mispDistribution == null) {
            return null;
        }
        SourcePolicy s = o.sourcePolicy;
        return switch (o.mispDistribution) {
            case 0 -> "MISP distribution 0 (your organisation only) never leaves";
            case 1 -> s != null && d.inAnyOf(s.mispThisCommunity()) ? null
                    : "MISP distribution 1 (this community): " + d.id() + " is not in the communities source " + o.source + " maps it to";
            case 2 -> s != null && (d.inAnyOf(s.mispThisCommunity()) || d.inAnyOf(s.mispConnectedCommunities())) ? null
                    : "MISP distribution 2 (connected communities): " + d.id() + " is in none of them";
            case 3 -> null;
            case 4 -> sharingGroup(o, d, s);
            default -> "MISP distribution " + o.mispDistribution + " is not understood";
        };
    }

    private static String sharingGroup(ObjectFacts o, Destination d, SourcePolicy s) {
        if (o.mispSharingGroup == null) {
            return "MISP sharing group without an id";
        }
        Set<String> members = s == null ? null : s.sharingGroups().get(o.mispSharingGroup);
        if (members == null) {
            return "MISP sharing group " + o.mispSharingGroup + " is not configured for source " + o.source + ", so its members are unknown";
        }
        return members.contains(d.id()) ? null : d.id() + " is not a member of MISP sharing group " + o.mispSharingGroup;
    }
}
