package io.ctiflow.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A policy that cannot be used fails to load with one message naming the file, the key and the problem. */
class PolicyLoaderErrorsTest {

    @TempDir
    Path dir;

    private static TestPolicy valid() {
        TestPolicy p = TestPolicy.basic();
        p.destination("partner", "EU");
        p.source("src").put("default_tlp", "clear");
        return p;
    }

    @Test
    void theTestPolicyItselfLoads() {
        assertThat(valid().load(dir).destinations()).hasSize(1);
    }

    @Test
    void badYamlNamesTheFile() throws Exception {
        TestPolicy p = valid();
        p.write(dir);
        Files.writeString(dir.resolve("destinations.yaml"), "destinations:\n  partner: [unclosed\n");
        assertThatThrownBy(() -> p.loader().load(dir)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("destinations.yaml").hasMessageContaining("not valid YAML");
    }

    @Test
    void unknownJurisdictionOfADestination() {
        TestPolicy p = valid();
        p.destination("somewhere", "XX");
        assertThatThrownBy(() -> p.load(dir)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("destinations.yaml").hasMessageContaining("destinations.somewhere.jurisdiction")
                .hasMessageContaining("unknown jurisdiction 'XX'");
    }

    @Test
    void unknownDestinationInAmberTo() {
        TestPolicy p = valid();
        p.source("src").put("amber_to", List.of("partner", "nobody"));
        assertThatThrownBy(() -> p.load(dir)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("sources.yaml").hasMessageContaining("sources.src.amber_to")
                .hasMessageContaining("unknown destination 'nobody'");
    }

    @Test
    void unknownDestinationInASharingGroup() {
        TestPolicy p = valid();
        p.source("src").put("misp", TestPolicy.map("sharing_groups", TestPolicy.map("g1", List.of("ghost"))));
        assertThatThrownBy(() -> p.load(dir)).hasMessageContaining("sources.yaml").hasMessageContaining("sources.src.misp.sharing_groups.g1")
                .hasMessageContaining("'ghost'");
    }

    @Test
    void badTrustLevel() {
        TestPolicy p = valid();
        p.destination("partner", "EU").put("trust", "absolute");
        assertThatThrownBy(() -> p.load(dir)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("destinations.yaml").hasMessageContaining("destinations.partner.trust")
                .hasMessageContaining("unknown trust level 'absolute'");
    }

    @Test
    void badAttributionMinTrust() {
        TestPolicy p = valid();
        p.policy.put("attribution_min_trust", "godlike");
        assertThatThrownBy(() -> p.load(dir)).hasMessageContaining("policy.yaml").hasMessageContaining("attribution_min_trust")
                .hasMessageContaining("'godlike'");
    }

    @Test
    void unknownContentClass() {
        TestPolicy p = valid();
        p.destination("partner", "EU").put("content", List.of("gossip"));
        assertThatThrownBy(() -> p.load(dir)).hasMessageContaining("destinations.partner.content").hasMessageContaining("'gossip'");
    }

    @Test
    void unknownEmbargoedDestination() {
        TestPolicy p = valid();
        p.policy.put("embargo", TestPolicy.map("destinations", List.of("nobody")));
        assertThatThrownBy(() -> p.load(dir)).hasMessageContaining("policy.yaml").hasMessageContaining("embargo.destinations")
                .hasMessageContaining("'nobody'");
    }

    @Test
    void countryInTwoJurisdictions() {
        TestPolicy p = valid();
        p.jurisdiction("DACH", "DE", "AT", "CH");
        assertThatThrownBy(() -> p.load(dir)).hasMessageContaining("jurisdictions.yaml").hasMessageContaining("jurisdictions.DACH.members")
                .hasMessageContaining("DE is already a member of EU");
    }

    @Test
    void onlyToWithoutTargetsAndUnknownTargets() {
        TestPolicy p = valid();
        p.jurisdictions.put("CN", TestPolicy.map("name", "CN", "members", List.of("CN"), "localisation", TestPolicy.map("rule", "only_to", "to", List.of("MARS"))));
        assertThatThrownBy(() -> p.load(dir)).hasMessageContaining("jurisdictions.CN.localisation.to").hasMessageContaining("'MARS'");
    }

    @Test
    void schemaViolationNamesFileAndSchema() {
        TestPolicy p = valid();
        p.destination("partner", "EU").put("max_tlp", "red");
        assertThatThrownBy(() -> p.load(dir)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("destinations.yaml").hasMessageContaining("destinations.schema.json");
    }

    @Test
    void missingFileIsNamed() {
        TestPolicy p = valid();
        p.write(dir);
        dir.resolve("sources.yaml").toFile().delete();
        assertThatThrownBy(() -> p.loader().load(dir)).hasMessageContaining("sources.yaml").hasMessageContaining("file not found");
    }

    @Test
    void pseudonymisationKeyComesOnlyFromThePlaceholder() {
        TestPolicy p = valid();
        p.key = null;
        Policy policy = p.load(dir);
        assertThat(policy.pseudonymiser().hasKey()).isFalse();
        assertThat(policy.pseudonymiser().keySource()).contains(TestPolicy.KEY_VARIABLE).contains("not set");
    }
}
