package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.ctiflow.policy.Stx.decision;
import static io.ctiflow.policy.Stx.filter;
import static io.ctiflow.policy.Stx.id;
import static io.ctiflow.policy.Stx.out;
import static org.assertj.core.api.Assertions.assertThat;

/** Destinations receive only the content classes they accept. */
class ContentClassRuleTest {

    @TempDir
    Path dir;

    private Policy policy() {
        TestPolicy p = TestPolicy.basic();
        p.destination("indicators-only", "EU").put("content", List.of("indicators"));
        p.destination("everything", "EU");
        p.source("src").put("default_tlp", "clear");
        return p.load(dir);
    }

    private static ObjectNode src(ObjectNode o) {
        return Stx.marked(Stx.prov(o, "src", "DE"), Tlp.CLEAR.markingId());
    }

    @Test
    void onlyAcceptedClassesAndTheirCreatorTravel() {
        Policy policy = policy();
        ObjectNode creator = src(Stx.identity("Example CERT", "organization"));
        ObjectNode indicator = src(Stx.indicator("[domain-name:value = 'evil.example']"));
        indicator.put("created_by_ref", id(creator));
        ObjectNode malware = src(Stx.malware("ExampleRAT"));
        ObjectNode rel = src(Stx.relationship("indicates", indicator, malware));
        ObjectNode ip = src(Stx.ipv4("198.51.100.7"));
        ObjectNode custom = src(Stx.sdo("x-example-thing"));
        FilterResult r = filter(policy, "indicators-only", creator, indicator, malware, rel, ip, custom);
        assertThat(out(r, indicator)).isNotNull();
        assertThat(out(r, creator)).as("the identity that created shared intelligence travels with it").isNotNull();
        assertThat(out(r, malware)).isNull();
        assertThat(decision(r, malware).rule()).isEqualTo("content");
        assertThat(decision(r, malware).reason()).contains("does not accept threat-intel (malware)");
        assertThat(out(r, rel)).as("relationships follow what they connect").isNull();
        assertThat(decision(r, rel).rule()).isEqualTo("references");
        assertThat(decision(r, ip).reason()).contains("observables");
        assertThat(decision(r, custom).reason()).contains("belong to no content class");
        FilterResult all = filter(policy, "everything", creator, indicator, malware, rel, ip, custom);
        assertThat(all.count(Outcome.WITHHELD)).isZero();
    }
}
