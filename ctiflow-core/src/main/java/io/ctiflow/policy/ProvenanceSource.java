package io.ctiflow.policy;

import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.StixObject;

import java.util.List;
import java.util.Optional;

/**
 * The source a bundle came from, as the ctiflow provenance of its objects names it: what the pipeline knew as
 * the batch's source when it filtered the bundle, and applied to the objects that carry no provenance (the
 * feed's identity, markings). Only a bundle whose provenance names one source has one: a mix did not come from
 * one batch. It grants nothing the objects' own claims do not already (without a configured source each
 * object's claim decides); the operator's --source still overrides.
 */
public final class ProvenanceSource {

    private ProvenanceSource() {
    }

    public static Optional<String> of(List<StixObject> objects) {
        String named = null;
        for (StixObject o : objects) {
            String source = o.tree().path("extensions").path(CtiflowExtension.ID).path("source").asText(null);
            if (source == null) {
                continue;
            }
            if (named != null && !named.equals(source)) {
                return Optional.empty();
            }
            named = source;
        }
        return Optional.ofNullable(named);
    }
}
