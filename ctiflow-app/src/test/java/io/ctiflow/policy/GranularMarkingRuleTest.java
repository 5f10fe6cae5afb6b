package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.StixAssertions;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.ctiflow.policy.Stx.decision;
import static io.ctiflow.policy.Stx.filter;
import static io.ctiflow.policy.Stx.out;
import static org.assertj.core.api.Assertions.assertThat;

/** Granular markings are honoured per property. */
class GranularMarkingRuleTest {

    @TempDir
    Path dir;
    private Policy policy;

    @BeforeEach
    void policy() {
        TestPolicy p = TestPolicy.basic();
        p.destination("member", "EU", "c1");
        p.destination("outsider", "EU", "c2");
        p.source("src", "c1").put("default_tlp", "clear");
        policy = p.load(dir);
    }

    private static ObjectNode withGranular(ObjectNode o, String property, String markingId) {
        Stx.marked(Stx.prov(o, "src", "DE"), Tlp.CLEAR.markingId());
        ObjectNode g = o.putArray("granular_markings").addObject();
        g.put("marking_ref", markingId);
        g.putArray("selectors").add(property);
        return o;
    }

    private static ObjectNode described(String markingId) {
        ObjectNode o = Stx.indicator("[domain-name:value = 'evil.example']");
        o.put("description", "seen in the internal incident 4711 at ACME");
        return withGranular(o, "description", markingId);
    }

    @Test
    void redDescriptionIsRemovedAndTheRestShared() {
        ObjectNode o = described(Tlp.RED.markingId());
        FilterResult r = filter(policy, "member", o);
        StixAssertions.assertValidBundle(PolicyTestSupport.bundle(r.objects()), "granular");
        ObjectNode shared = out(r, o);
        assertThat(shared.has("description")).isFalse();
        assertThat(shared.has("granular_markings")).isFalse();
        assertThat(shared.path("pattern").asText()).contains("evil.example");
        Decision d = decision(r, o);
        assertThat(d.outcome()).isEqualTo(Outcome.REDACTED);
        assertThat(d.rule()).isEqualTo("granular-marking");
        assertThat(d.reason()).contains("description removed").contains("TLP:RED");
        assertThat(Stx.json(r)).doesNotContain("incident 4711").doesNotContain(Tlp.RED.markingId());
    }

    @Test
    void greenDescriptionStaysInsideTheCommunity() {
        ObjectNode o = described(Tlp.GREEN.markingId());
        FilterResult member = filter(policy, "member", o);
        assertThat(out(member, o).path("description").asText()).contains("incident 4711");
        assertThat(out(member, o).has("granular_markings")).isTrue();
        assertThat(out(member, Tlp.GREEN.markingId())).as("the granular marking's definition travels").isNotNull();
        assertThat(out(filter(policy, "outsider", o), o).has("description")).isFalse();
    }

    @Test
    void propertyRedactedByAnotherRuleTakesItsGranularMarkingAlong(@TempDir Path other) {
        TestPolicy p = TestPolicy.basic();
        p.destination("member", "EU", "c1").put("personal_data", TestPolicy.map("default", "redact"));
        p.source("src", "c1").put("default_tlp", "clear");
        Policy redacting = p.load(other);
        ObjectNode o = Stx.indicator("[domain-name:value = 'evil.example']");
        o.put("description", "reported by alice@example.org");
        withGranular(o, "description", Tlp.GREEN.markingId());
        FilterResult r = filter(redacting, "member", o);
        StixAssertions.assertValidBundle(PolicyTestSupport.bundle(r.objects()), "granular marking of a redacted property");
        assertThat(out(r, o).has("description")).isFalse();
        assertThat(out(r, o).has("granular_markings")).as("no selector may point at a removed property").isFalse();
    }

    @Test
    void markingARequiredPropertyWithholdsTheObject() {
        ObjectNode o = withGranular(Stx.indicator("[domain-name:value = 'evil.example']"), "pattern", Tlp.RED.markingId());
        FilterResult r = filter(policy, "member", o);
        assertThat(r.objects()).isEmpty();
        assertThat(decision(r, o).reason()).contains("pattern is required");
    }

    @Test
    void unknownGranularMarkingRemovesTheProperty() {
        ObjectNode o = described("marking-definition--00000000-0000-4000-8000-000000000001");
        FilterResult r = filter(policy, "member", o);
        assertThat(out(r, o).has("description")).isFalse();
        assertThat(decision(r, o).reason()).contains("not in the bundle");
    }
}
