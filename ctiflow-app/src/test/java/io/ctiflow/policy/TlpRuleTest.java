package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.StixAssertions;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.ctiflow.policy.Stx.decision;
import static io.ctiflow.policy.Stx.filter;
import static io.ctiflow.policy.Stx.indicator;
import static io.ctiflow.policy.Stx.marked;
import static io.ctiflow.policy.Stx.out;
import static io.ctiflow.policy.Stx.prov;
import static org.assertj.core.api.Assertions.assertThat;

/** TLP 2.0 and 1.0: CLEAR to anyone, GREEN inside communities, AMBER only where allowed, RED never; unmarked objects take the source default. */
class TlpRuleTest {

    @TempDir
    Path dir;
    private Policy policy;

    @BeforeEach
    void policy() {
        TestPolicy p = TestPolicy.basic();
        p.destination("member", "EU", "c1");
        p.destination("outsider", "EU", "c2");
        p.destination("amber-ok", "EU");
        p.destination("strict-ok", "EU");
        p.destination("clear-only", "EU", "c1").put("max_tlp", "clear");
        p.source("src", "c1").putAll(TestPolicy.map("amber_to", List.of("amber-ok", "strict-ok"), "amber_strict_to", List.of("strict-ok")));
        p.source("defaulted", "c1").put("default_tlp", "green");
        p.source("no-default", "c1");
        policy = p.load(dir);
    }

    private ObjectNode marking(String markingId) {
        return marked(prov(indicator("[domain-name:value = 'evil.example']"), "src", "DE"), markingId);
    }

    private boolean reaches(ObjectNode o, String destination) {
        FilterResult r = filter(policy, destination, o);
        if (!r.isEmpty()) {
            StixAssertions.assertValidBundle(PolicyTestSupport.bundle(r.objects()), destination);
        }
        return out(r, o) != null;
    }

    @Test
    void clearGoesToEveryone() {
        ObjectNode o = marking(Tlp.CLEAR.markingId());
        for (String d : List.of("member", "outsider", "amber-ok", "strict-ok", "clear-only")) {
            assertThat(reaches(o, d)).as(d).isTrue();
        }
    }

    @Test
    void greenOnlyInsideTheSourcesCommunities() {
        ObjectNode o = marking(Tlp.GREEN.markingId());
        assertThat(reaches(o, "member")).isTrue();
        assertThat(reaches(o, "outsider")).isFalse();
        Decision d = decision(filter(policy, "outsider", o), o);
        assertThat(d.outcome()).isEqualTo(Outcome.WITHHELD);
        assertThat(d.rule()).isEqualTo("tlp");
        assertThat(d.reason()).contains("TLP:GREEN").contains("community");
    }

    @Test
    void amberOnlyToDestinationsTheSourceLists() {
        ObjectNode o = marking(Tlp.AMBER.markingId());
        assertThat(reaches(o, "amber-ok")).isTrue();
        assertThat(reaches(o, "strict-ok")).isTrue();
        assertThat(reaches(o, "member")).isFalse();
        assertThat(decision(filter(policy, "member", o), o).reason()).contains("amber_to");
    }

    @Test
    void amberStrictOnlyToDestinationsListedForIt() {
        ObjectNode o = marking(Tlp.AMBER_STRICT.markingId());
        assertThat(reaches(o, "strict-ok")).isTrue();
        assertThat(reaches(o, "amber-ok")).isFalse();
        assertThat(decision(filter(policy, "amber-ok", o), o).reason()).contains("amber_strict_to");
    }

    @Test
    void redNeverLeaves() {
        ObjectNode o = marking(Tlp.RED.markingId());
        for (String d : List.of("member", "outsider", "amber-ok", "strict-ok", "clear-only")) {
            FilterResult r = filter(policy, d, o);
            assertThat(r.objects()).as(d).isEmpty();
            assertThat(decision(r, o).reason()).contains("TLP:RED never leaves");
        }
    }

    @Test
    void nothingAboveTheDestinationsMaximum() {
        ObjectNode o = marking(Tlp.GREEN.markingId());
        assertThat(reaches(o, "clear-only")).isFalse();
        assertThat(decision(filter(policy, "clear-only", o), o).reason()).contains("accepts at most TLP:CLEAR");
    }

    @Test
    void tlp1MarkingsAreReadAsTheirTlp2Equivalents() {
        assertThat(reaches(marking(Stx.TLP1_WHITE), "outsider")).isTrue();
        assertThat(reaches(marking(Stx.TLP1_GREEN), "member")).isTrue();
        assertThat(reaches(marking(Stx.TLP1_GREEN), "outsider")).isFalse();
        assertThat(reaches(marking(Stx.TLP1_AMBER), "amber-ok")).isTrue();
        assertThat(reaches(marking(Stx.TLP1_AMBER), "member")).isFalse();
        ObjectNode red = marking(Stx.TLP1_RED);
        for (String d : List.of("member", "outsider", "amber-ok", "strict-ok")) {
            assertThat(reaches(red, d)).as(d).isFalse();
        }
    }

    @Test
    void tlp1MarkingDefinitionTravelsWithTheObject() {
        ObjectNode o = marking(Stx.TLP1_WHITE);
        FilterResult r = filter(policy, "outsider", o);
        ObjectNode definition = out(r, Stx.TLP1_WHITE);
        assertThat(definition).isNotNull();
        assertThat(definition.path("definition").path("tlp").asText()).isEqualTo("white");
    }

    @Test
    void theMostRestrictiveOfSeveralMarkingsCounts() {
        ObjectNode o = marking(Tlp.CLEAR.markingId());
        marked(o, Tlp.RED.markingId());
        assertThat(reaches(o, "member")).isFalse();
    }

    @Test
    void unmarkedObjectTakesTheSourcesDefaultTlp() {
        ObjectNode o = prov(indicator("[domain-name:value = 'evil.example']"), "defaulted", "DE");
        assertThat(reaches(o, "member")).isTrue();
        assertThat(reaches(o, "outsider")).as("unmarked is GREEN by default, not CLEAR").isFalse();
        assertThat(decision(filter(policy, "outsider", o), o).reason()).contains("by default of source defaulted");
        assertThat(decision(filter(policy, "member", o), o).reason()).contains("TLP:GREEN by default of source defaulted");
    }

    @Test
    void unmarkedObjectWithoutSourceDefaultIsWithheld() {
        ObjectNode o = prov(indicator("[domain-name:value = 'evil.example']"), "no-default", "DE");
        for (String d : List.of("member", "outsider", "amber-ok")) {
            FilterResult r = filter(policy, d, o);
            assertThat(r.objects()).isEmpty();
            assertThat(decision(r, o).rule()).isEqualTo("tlp");
            assertThat(decision(r, o).reason()).contains("no TLP marking").contains("no default_tlp");
        }
    }
}
