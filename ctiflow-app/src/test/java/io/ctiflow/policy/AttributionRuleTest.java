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

/** Below attribution_min_trust: no attributed-to, actors lose their identifying properties. */
class AttributionRuleTest {

    @TempDir
    Path dir;
    private Policy policy;
    private ObjectNode actor;
    private ObjectNode set;
    private ObjectNode attributed;
    private ObjectNode located;
    private ObjectNode uses;
    private ObjectNode malware;

    @BeforeEach
    void setUp() {
        TestPolicy p = TestPolicy.basic();
        p.destination("trusted", "EU");
        p.destination("untrusted", "EU").put("trust", "low");
        p.destination("cleared", "EU").putAll(TestPolicy.map("trust", "low", "attribution", true));
        p.destination("barred", "EU").put("attribution", false);
        p.source("src").put("default_tlp", "clear");
        policy = p.load(dir);
        actor = src(Stx.threatActor("APT Example"));
        actor.putArray("aliases").add("Example Panda");
        actor.put("description", "state-sponsored group from Examplestan");
        actor.put("sophistication", "expert");
        set = src(Stx.sdo("intrusion-set"));
        set.put("name", "Operation Example");
        malware = src(Stx.malware("ExampleRAT"));
        attributed = src(Stx.relationship("attributed-to", set, actor));
        ObjectNode country = src(Stx.sdo("location"));
        country.put("country", "DE");
        located = src(Stx.relationship("located-at", actor, country));
        uses = src(Stx.relationship("uses", set, malware));
    }

    private static ObjectNode src(ObjectNode o) {
        return Stx.marked(Stx.prov(o, "src", "DE"), Tlp.CLEAR.markingId());
    }

    @Test
    void trustedDestinationGetsFullAttribution() {
        FilterResult r = filter(policy, "trusted", actor, set, malware, attributed, located, uses);
        assertThat(out(r, attributed)).isNotNull();
        assertThat(out(r, actor).path("name").asText()).isEqualTo("APT Example");
        assertThat(out(r, actor).path("aliases").toString()).contains("Example Panda");
    }

    @Test
    void untrustedDestinationGetsNoAttribution() {
        FilterResult r = filter(policy, "untrusted", actor, set, malware, attributed, located, uses);
        StixAssertions.assertValidBundle(PolicyTestSupport.bundle(r.objects()), "attribution");
        assertThat(out(r, attributed)).isNull();
        assertThat(decision(r, attributed).rule()).isEqualTo("attribution");
        assertThat(decision(r, attributed).reason()).contains("attributed-to").contains("not cleared for attribution");
        assertThat(out(r, located)).as("an actor's location is attribution too").isNull();
        assertThat(out(r, uses)).as("other relationships stay").isNotNull();
        ObjectNode a = out(r, actor);
        assertThat(a.path("name").asText()).contains("attribution withheld").doesNotContain("APT Example");
        assertThat(a.has("aliases")).isFalse();
        assertThat(a.has("description")).isFalse();
        assertThat(a.has("sophistication")).isFalse();
        assertThat(decision(r, actor).outcome()).isEqualTo(Outcome.REDACTED);
        assertThat(out(r, set).path("name").asText()).doesNotContain("Operation Example");
        assertThat(Stx.json(r)).doesNotContain("Example Panda").doesNotContain("Examplestan");
    }

    @Test
    void granularMarkingsOfRemovedPropertiesGoToo() {
        ObjectNode g = actor.putArray("granular_markings").addObject();
        g.put("marking_ref", Tlp.CLEAR.markingId());
        g.putArray("selectors").add("description").add("name");
        FilterResult r = filter(policy, "untrusted", actor);
        StixAssertions.assertValidBundle(PolicyTestSupport.bundle(r.objects()), "attribution with granular markings");
        assertThat(out(r, actor).path("granular_markings").toString()).doesNotContain("description").contains("name");
    }

    @Test
    void explicitPermissionOverridesTrust() {
        assertThat(out(filter(policy, "cleared", actor, set, attributed), attributed)).isNotNull();
        FilterResult barred = filter(policy, "barred", actor, set, attributed);
        assertThat(out(barred, attributed)).isNull();
        assertThat(out(barred, actor).path("name").asText()).contains("attribution withheld");
    }
}
