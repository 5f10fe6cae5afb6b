package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.StixAssertions;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.ctiflow.policy.Stx.decision;
import static io.ctiflow.policy.Stx.filter;
import static io.ctiflow.policy.Stx.id;
import static io.ctiflow.policy.Stx.out;
import static org.assertj.core.api.Assertions.assertThat;

/** After filtering, no reference dangles: dependants are withheld, lists pruned, definitions travel. */
class ReferenceIntegrityTest {

    @TempDir
    Path dir;
    private Policy policy;
    private ObjectNode open;
    private ObjectNode secret;

    @BeforeEach
    void setUp() {
        TestPolicy p = TestPolicy.basic();
        p.destination("d", "EU");
        p.source("src").put("default_tlp", "clear");
        policy = p.load(dir);
        open = marked(Stx.indicator("[domain-name:value = 'open.example']"), Tlp.CLEAR);
        secret = marked(Stx.indicator("[domain-name:value = 'secret.example']"), Tlp.RED);
    }

    private static ObjectNode marked(ObjectNode o, Tlp tlp) {
        return Stx.marked(Stx.prov(o, "src", "DE"), tlp.markingId());
    }

    private static void valid(FilterResult r) {
        StixAssertions.assertValidBundle(PolicyTestSupport.bundle(r.objects()), "references");
    }

    @Test
    void reportObjectRefsArePruned() {
        ObjectNode report = marked(Stx.report("Campaign", open, secret), Tlp.CLEAR);
        FilterResult r = filter(policy, "d", open, secret, report);
        valid(r);
        ObjectNode shared = out(r, report);
        assertThat(shared.path("object_refs")).hasSize(1);
        assertThat(shared.path("object_refs").get(0).asText()).isEqualTo(id(open));
        Decision d = decision(r, report);
        assertThat(d.outcome()).isEqualTo(Outcome.REDACTED);
        assertThat(d.rule()).isEqualTo("references");
        assertThat(d.reason()).contains("object_refs");
        assertThat(Stx.json(r)).doesNotContain(id(secret));
    }

    @Test
    void reportWhoseRefsAreAllWithheldIsWithheld() {
        ObjectNode report = marked(Stx.report("Secret campaign", secret), Tlp.CLEAR);
        FilterResult r = filter(policy, "d", secret, report);
        assertThat(r.objects()).isEmpty();
        assertThat(decision(r, report).reason()).contains("every object in object_refs is withheld");
    }

    @Test
    void relationshipsAndSightingsOfWithheldObjectsAreWithheld() {
        ObjectNode malware = marked(Stx.malware("ExampleRAT"), Tlp.CLEAR);
        ObjectNode rel = marked(Stx.relationship("indicates", secret, malware), Tlp.CLEAR);
        ObjectNode sighting = marked(Stx.sighting(secret), Tlp.CLEAR);
        ObjectNode report = marked(Stx.report("About the relationship", rel, malware), Tlp.CLEAR);
        FilterResult r = filter(policy, "d", secret, malware, rel, sighting, report);
        valid(r);
        assertThat(out(r, rel)).isNull();
        assertThat(decision(r, rel).reason()).contains("source_ref refers to " + id(secret));
        assertThat(out(r, sighting)).isNull();
        assertThat(decision(r, sighting).reason()).contains("sighting_of_ref");
        assertThat(out(r, report).path("object_refs").toString()).as("withheld in a second round").doesNotContain(id(rel));
        assertThat(out(r, malware)).isNotNull();
    }

    @Test
    void optionalReferencesToWithheldObjectsAreRemoved() {
        ObjectNode creator = marked(Stx.identity("Secret source", "organization"), Tlp.RED);
        ObjectNode o = marked(Stx.indicator("[domain-name:value = 'evil.example']"), Tlp.CLEAR);
        o.put("created_by_ref", id(creator));
        ObjectNode victim = marked(Stx.identity("Victim org", "organization"), Tlp.RED);
        ObjectNode sighting = marked(Stx.sighting(o), Tlp.CLEAR);
        sighting.putArray("where_sighted_refs").add(id(victim));
        FilterResult r = filter(policy, "d", creator, o, victim, sighting);
        valid(r);
        assertThat(out(r, o).has("created_by_ref")).isFalse();
        assertThat(out(r, sighting).has("where_sighted_refs")).isFalse();
        assertThat(decision(r, sighting).outcome()).isEqualTo(Outcome.REDACTED);
    }

    @Test
    void markingDefinitionsTravelAndUnusedOnesStayBehind() {
        ObjectNode clearDefinition = Tlp.CLEAR.markingDefinition();
        ObjectNode redDefinition = Tlp.RED.markingDefinition();
        FilterResult r = filter(policy, "d", clearDefinition, redDefinition, open, secret);
        valid(r);
        assertThat(out(r, Tlp.CLEAR.markingId())).isNotNull();
        assertThat(out(r, Tlp.RED.markingId())).isNull();
        assertThat(decision(r, redDefinition).reason()).contains("no shared object uses it");
        FilterResult without = filter(policy, "d", open);
        assertThat(out(without, Tlp.CLEAR.markingId())).as("added when the input lacked it").isNotNull();
    }

    @Test
    void provenanceIsStrippedReducedOrKeptPerDestination(@TempDir Path other) {
        TestPolicy p = TestPolicy.basic();
        p.destination("strip", "EU").put("provenance", "strip");
        p.destination("reduce", "EU").put("provenance", "reduce");
        p.destination("keep", "EU").put("provenance", "keep");
        p.source("src").put("default_tlp", "clear");
        Policy policy = p.load(other);
        ObjectNode o = Stx.prov(Stx.indicator("[domain-name:value = 'evil.example']"), "src", "DE");
        Stx.ext(o).put("source_record", "internal-4711");
        String ext = CtiflowExtension.ID;
        FilterResult strip = filter(policy, "strip", o);
        valid(strip);
        assertThat(out(strip, o).has("extensions")).isFalse();
        assertThat(decision(strip, o).outcome()).isEqualTo(Outcome.SHARED);
        FilterResult reduce = filter(policy, "reduce", o);
        valid(reduce);
        assertThat(out(reduce, o).path("extensions").path(ext).path("source").asText()).isEqualTo("src");
        assertThat(Stx.json(reduce)).doesNotContain("internal-4711").doesNotContain("origin_jurisdiction");
        assertThat(out(reduce, ext)).as("the extension definition travels").isNotNull();
        assertThat(Stx.json(filter(policy, "keep", o))).contains("internal-4711");
    }
}
