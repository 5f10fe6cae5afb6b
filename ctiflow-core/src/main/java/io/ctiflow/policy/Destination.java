package io.ctiflow.policy;

import io.ctiflow.stix.Tlp;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A partner that receives its own filtered view of the intelligence.
 *
 * @param trust        index into the policy's trust levels (higher is more trusted)
 * @param content      accepted content classes; empty means all
 * @param attribution  explicit permission for attribution, or null to decide by trust
 * @param legalBasis   the legal basis for transferring personal data to this partner (e.g. the standard contractual
 *                     clauses signed with it), or null: then its jurisdiction's basis from the origin applies
 */
public record Destination(String id, String name, String organisation, String jurisdiction, Set<String> communities,
                          int trust, String trustName, Tlp maxTlp, Set<String> content,
                          Map<String, PersonalDataAction> personalData, PersonalDataAction personalDataDefault,
                          Boolean attribution, ProvenanceMode provenance, boolean resale, List<Endpoint> endpoints, String legalBasis) {

    public boolean acceptsAllContent() {
        return content.isEmpty();
    }

    public PersonalDataAction personalDataAction(String personalDataClass) {
        return personalData.getOrDefault(personalDataClass, personalDataDefault);
    }

    public boolean allEndpointsEncrypted() {
        return endpoints.stream().allMatch(Endpoint::encryptedInTransit);
    }

    public boolean inAnyOf(Set<String> otherCommunities) {
        for (String c : otherCommunities) {
            if (communities.contains(c)) {
                return true;
            }
        }
        return false;
    }
}
