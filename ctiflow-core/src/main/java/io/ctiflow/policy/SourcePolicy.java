package io.ctiflow.policy;

import io.ctiflow.stix.Tlp;

import java.util.Map;
import java.util.Set;

/**
 * What the policy says about one source of intelligence.
 *
 * @param defaultTlp     TLP of unmarked objects, or null (then unmarked objects are withheld)
 * @param origin         origin country of objects that carry none, or null
 * @param minTrust       lowest destination trust that receives anything, or -1 for no minimum
 * @param sharingGroups  MISP sharing group uuid (or id:n) -> member destination ids
 * @param relay          the input relays objects whose provenance ctiflow itself wrote (the Kafka topic between
 *                       ingest and publish instances): their own {@code source} is trusted instead of this one
 */
public record SourcePolicy(String id, String name, Tlp defaultTlp, String origin, Set<String> communities,
                           Set<String> amberTo, Set<String> amberStrictTo, int minTrust,
                           Set<String> mispThisCommunity, Set<String> mispConnectedCommunities,
                           Map<String, Set<String>> sharingGroups, boolean relay) {
}
