package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.ctiflow.policy.Stx.decision;
import static io.ctiflow.policy.Stx.filter;
import static io.ctiflow.policy.Stx.out;
import static org.assertj.core.api.Assertions.assertThat;

/** MISP distribution levels and sharing groups from the provenance. */
class MispDistributionRuleTest {

    private static final String GROUP = "5d6d3b30-3e5c-4b3e-a7b5-4c0b5d8f8f1e";
    private static final List<String> ALL = List.of("home", "connected", "stranger", "member");

    @TempDir
    Path dir;
    private Policy policy;

    @BeforeEach
    void policy() {
        TestPolicy p = TestPolicy.basic();
        p.destination("home", "EU", "home-community");
        p.destination("connected", "EU", "partner-community");
        p.destination("stranger", "EU", "elsewhere");
        p.destination("member", "EU", "elsewhere");
        p.source("misp").put("misp", TestPolicy.map("this_community", List.of("home-community"),
                "connected_communities", List.of("partner-community"), "sharing_groups", Map.of(GROUP, List.of("member"))));
        policy = p.load(dir);
    }

    private ObjectNode distributed(int distribution, String group) {
        ObjectNode o = Stx.marked(Stx.prov(Stx.indicator("[domain-name:value = 'misp.example']"), "misp", "DE"), Tlp.CLEAR.markingId());
        Stx.ext(o).put("misp_distribution", distribution);
        if (group != null) {
            Stx.ext(o).put("misp_sharing_group", group);
        }
        return o;
    }

    private List<String> receivers(ObjectNode o) {
        return ALL.stream().filter(d -> out(filter(policy, d, o), o) != null).collect(Collectors.toList());
    }

    @Test
    void yourOrganisationOnlyNeverLeaves() {
        ObjectNode o = distributed(0, null);
        assertThat(receivers(o)).isEmpty();
        assertThat(decision(filter(policy, "home", o), o).reason()).contains("distribution 0").contains("never leaves");
        assertThat(decision(filter(policy, "home", o), o).rule()).isEqualTo("misp-distribution");
    }

    @Test
    void thisCommunityGoesToTheMappedCommunityOnly() {
        assertThat(receivers(distributed(1, null))).containsExactly("home");
    }

    @Test
    void connectedCommunitiesIncludeThisCommunity() {
        assertThat(receivers(distributed(2, null))).containsExactly("home", "connected");
    }

    @Test
    void allCommunitiesRestrictsNothing() {
        assertThat(receivers(distributed(3, null))).containsExactlyElementsOf(ALL);
    }

    @Test
    void sharingGroupGoesToItsMembersOnly() {
        ObjectNode o = distributed(4, GROUP);
        assertThat(receivers(o)).containsExactly("member");
        assertThat(decision(filter(policy, "home", o), o).reason()).contains("not a member of MISP sharing group " + GROUP);
    }

    @Test
    void unknownSharingGroupOrMissingGroupIdIsWithheld() {
        ObjectNode unknown = distributed(4, "00000000-0000-4000-8000-000000000000");
        assertThat(receivers(unknown)).isEmpty();
        assertThat(decision(filter(policy, "member", unknown), unknown).reason()).contains("not configured");
        ObjectNode missing = distributed(4, null);
        assertThat(receivers(missing)).isEmpty();
        assertThat(decision(filter(policy, "member", missing), missing).reason()).contains("without an id");
    }
}
