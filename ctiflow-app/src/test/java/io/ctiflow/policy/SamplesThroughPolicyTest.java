package io.ctiflow.policy;

import io.ctiflow.stix.StixAssertions;
import io.ctiflow.stix.StixObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real samples, converted to STIX, fanned out to the shipped example destinations. */
class SamplesThroughPolicyTest {

    private final JurisdictionFilter filter = new JurisdictionFilter(PolicyTestSupport.shippedPolicy(), DecisionListener.NONE);

    @Test
    void mispEventWithGalaxiesReachesEveryDestinationAsAValidBundle() throws Exception {
        List<StixObject> sednit = PolicyTestSupport.misp("circl-osint-sednit-2017-objects-galaxies.json");
        Map<String, FilterResult> results = filter.fanOut(sednit, new InputContext("misp", null), filter.policy().destinations());
        for (FilterResult r : results.values()) {
            System.out.printf("%s: %d objects, shared %d redacted %d withheld %d%n", r.destination().id(), r.objects().size(),
                    r.count(Outcome.SHARED), r.count(Outcome.REDACTED), r.count(Outcome.WITHHELD));
            r.decisions().stream().filter(d -> d.outcome() != Outcome.SHARED).limit(8).forEach(d -> System.out.println("  " + d));
            if (!r.isEmpty()) {
                StixAssertions.assertValidBundle(PolicyTestSupport.bundle(r.objects()), "sednit for " + r.destination().id());
            }
        }
        assertThat(results.get("cert-eu").objects()).isNotEmpty();
    }

    @Test
    void samplesKeepTheFilterInvariantsForEveryShippedDestination() throws Exception {
        Map<String, List<StixObject>> samples = Map.of(
                "sednit (misp)", PolicyTestSupport.misp("circl-osint-sednit-2017-objects-galaxies.json"),
                "shadowserver", PolicyTestSupport.csv("shadowserver-sinkhole-http", "shadowserver-event4-sinkhole-http.csv"));
        Map<String, String> sources = Map.of("sednit (misp)", "misp", "shadowserver", "shadowserver-sinkhole-http");
        samples.forEach((name, objects) -> {
            InputContext context = new InputContext(sources.get(name), null);
            Map<String, FilterResult> results = filter.fanOut(objects, context, filter.policy().destinations());
            results.values().forEach(r -> new PolicyInvariantsProperties.Check(name, filter.policy(), Map.of(), objects, context, r).all());
        });
    }

    @Test
    void shadowserverVictimIpsAreGeneralisedOrWithheld() throws Exception {
        List<StixObject> objects = PolicyTestSupport.csv("shadowserver-sinkhole-http", "shadowserver-event4-sinkhole-http.csv");
        Map<String, FilterResult> results = filter.fanOut(objects, new InputContext("shadowserver-sinkhole-http", null), filter.policy().destinations());
        for (FilterResult r : results.values()) {
            System.out.printf("%s: %d objects, shared %d redacted %d withheld %d%n", r.destination().id(), r.objects().size(),
                    r.count(Outcome.SHARED), r.count(Outcome.REDACTED), r.count(Outcome.WITHHELD));
            r.decisions().stream().filter(d -> d.outcome() != Outcome.SHARED).limit(8).forEach(d -> System.out.println("  " + d));
            if (!r.isEmpty()) {
                StixAssertions.assertValidBundle(PolicyTestSupport.bundle(r.objects()), "shadowserver for " + r.destination().id());
            }
        }
    }
}
