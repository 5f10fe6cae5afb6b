package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Tlp;

/**
 * The parts of a FIRST IEP 2.0 policy (STIX marking-definition extension) the filter enforces.
 * Several IEP markings on one object combine to the most restrictive of each.
 */
public record Iep(String name, boolean providerAttributionMustNot, boolean encryptInTransitMust,
                  boolean unmodifiedResaleMustNot, Tlp tlp) {

    /** An IEP policy is recognised by its content (iep_version), whatever extension id carries it. */
    static boolean isIep(JsonNode policy) {
        return policy.has("iep_version");
    }

    static Iep of(JsonNode policy) {
        return new Iep(policy.path("name").asText("IEP policy"),
                "must-not".equals(policy.path("provider_attribution").asText()),
                "must".equals(policy.path("encrypt_in_transit").asText()),
                "must-not".equals(policy.path("unmodified_resale").asText()),
                Tlp.parse(policy.path("tlp").asText(null)).orElse(null));
    }

    Iep combine(Iep other) {
        if (other == null) {
            return this;
        }
        Tlp t = tlp == null ? other.tlp : other.tlp == null ? tlp : (tlp.isMoreRestrictiveThan(other.tlp) ? tlp : other.tlp);
        return new Iep(name + ", " + other.name, providerAttributionMustNot || other.providerAttributionMustNot,
                encryptInTransitMust || other.encryptInTransitMust, unmodifiedResaleMustNot || other.unmodifiedResaleMustNot, t);
    }
}
