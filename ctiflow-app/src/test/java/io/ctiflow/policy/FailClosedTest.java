package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ctiflow.policy.Stx.decision;
import static io.ctiflow.policy.Stx.filter;
import static io.ctiflow.policy.Stx.objects;
import static org.assertj.core.api.Assertions.assertThat;

/** What cannot be determined is withheld, with the reason recorded. */
class FailClosedTest {

    @TempDir
    Path dir;
    private Policy policy;

    @BeforeEach
    void policy() {
        TestPolicy p = TestPolicy.basic();
        p.destination("d", "EU").put("trust", "low");
        p.source("src").put("default_tlp", "clear");
        policy = p.load(dir);
    }

    private void withheld(ObjectNode o, String rule, String reasonPart) {
        List<Decision> audit = new ArrayList<>();
        FilterResult r = new JurisdictionFilter(policy, audit::add).filter(objects(o), InputContext.NONE, "d");
        assertThat(r.objects()).isEmpty();
        Decision d = decision(r, o);
        assertThat(d.outcome()).isEqualTo(Outcome.WITHHELD);
        assertThat(d.rule()).isEqualTo(rule);
        assertThat(d.reason()).contains(reasonPart);
        assertThat(audit).as("the listener records it").contains(d);
    }

    private static ObjectNode indicator() {
        return Stx.indicator("[domain-name:value = 'evil.example']");
    }

    @Test
    void objectWithoutProvenanceOrSourceIsWithheld() {
        withheld(Stx.marked(indicator(), Tlp.CLEAR.markingId()), "source", "names no source");
    }

    @Test
    void objectFromAnUnconfiguredSourceIsWithheld() {
        withheld(Stx.marked(Stx.prov(indicator(), "mystery-feed", "DE"), Tlp.CLEAR.markingId()), "source", "mystery-feed");
    }

    @Test
    void markingAbsentFromTheBundleIsWithheld() {
        withheld(Stx.marked(Stx.prov(indicator(), "src", "DE"), "marking-definition--00000000-0000-4000-8000-000000000002"),
                "tlp", "not in the bundle");
    }

    @Test
    void markingNeitherTlpNorIepIsWithheld() {
        ObjectNode md = Stx.parse("{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"marking-definition--00000000-0000-4000-8000-000000000003\","
                + "\"created\":\"" + Stx.TIME + "\",\"definition_type\":\"x-house-rule\",\"definition\":{\"rule\":\"ask first\"}}");
        ObjectNode o = Stx.marked(Stx.prov(indicator(), "src", "DE"), Stx.id(md));
        FilterResult r = filter(policy, "d", md, o);
        assertThat(r.objects()).isEmpty();
        assertThat(decision(r, o).reason()).contains("cannot honour");
    }

    @Test
    void unknownMispDistributionIsWithheld() {
        ObjectNode o = Stx.prov(indicator(), "src", "DE");
        Stx.ext(o).put("misp_distribution", 7);
        withheld(o, "invalid", "misp_distribution");
    }

    @Test
    void malformedIdIsWithheldAsInvalidBeforeAnyRuleReadsIt() {
        // a malformed id once made the attribution rule throw (withheld to be safe); no rule sees it now
        ObjectNode actor = Stx.prov(Stx.threatActor("APT Example"), "src", "DE");
        actor.put("id", "threat-actor--x");
        withheld(actor, "invalid", "not valid STIX 2.1: id");
    }
}
