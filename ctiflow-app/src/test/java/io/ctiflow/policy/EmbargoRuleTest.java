package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.ctiflow.policy.Stx.decision;
import static io.ctiflow.policy.Stx.filter;
import static org.assertj.core.api.Assertions.assertThat;

/** Embargoed destinations and jurisdictions receive nothing, not even TLP:CLEAR. */
class EmbargoRuleTest {

    @TempDir
    Path dir;

    @Test
    void embargoedDestinationsAndJurisdictionsReceiveNothing() {
        TestPolicy p = TestPolicy.basic();
        p.jurisdiction("IR", "IR");
        p.destination("in-iran", "IR");
        p.destination("listed", "EU");
        p.destination("fine", "EU");
        p.policy.put("embargo", TestPolicy.map("jurisdictions", List.of("IR"), "destinations", List.of("listed")));
        p.source("src").put("default_tlp", "clear");
        Policy policy = p.load(dir);
        ObjectNode o = Stx.marked(Stx.prov(Stx.indicator("[domain-name:value = 'evil.example']"), "src", "DE"), Tlp.CLEAR.markingId());
        for (String d : List.of("in-iran", "listed")) {
            FilterResult r = filter(policy, d, o);
            assertThat(r.objects()).as(d).isEmpty();
            assertThat(decision(r, o).rule()).isEqualTo("embargo");
            assertThat(decision(r, o).reason()).contains(d).contains("under embargo");
        }
        assertThat(filter(policy, "fine", o).objects()).isNotEmpty();
    }
}
