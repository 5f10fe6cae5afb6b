package io.ctiflow.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The legal basis a transfer of personal data is recorded with: the destination's, else the origin's for the destination's jurisdiction. */
class PolicyLegalBasisTest {

    @TempDir
    Path dir;

    private static final String SCC = "standard contractual clauses (Commission Implementing Decision (EU) 2021/914), GDPR Art. 46(2)(c)";

    @Test
    void theShippedPolicyNamesAdequacyDecisionsAndTheClausesSignedWithAPartner() {
        Policy p = PolicyTestSupport.shippedPolicy();
        Jurisdiction eu = p.jurisdiction("EU").orElseThrow();
        assertThat(p.legalBasis(eu, p.requireDestination("ncsc-uk"))).isEqualTo("adequacy decision (Commission Implementing Decision (EU) 2021/1772), GDPR Art. 45");
        assertThat(p.legalBasis(eu, p.requireDestination("cert-eu"))).isEqualTo("no transfer: stays within EU");
        assertThat(p.legalBasis(eu, p.requireDestination("us-isac"))).startsWith("standard contractual clauses, module 1");
        assertThat(p.legalBasis(eu, p.requireDestination("cn-partner"))).isEqualTo("none named in jurisdictions.yaml for EU to CN");
        assertThat(p.legalBasis(null, p.requireDestination("ncsc-uk"))).isEqualTo("none named (origin unknown)");
    }

    @Test
    void aBasisForAnUnknownJurisdictionIsRefusedWithFileAndKey() {
        TestPolicy t = TestPolicy.basic();
        t.destination("partner", "US");
        t.jurisdictions.put("EU", TestPolicy.map("name", "EU", "members", List.of("DE"), "localisation", TestPolicy.map("rule", "free"),
                "personal_data", TestPolicy.map("legal_basis", TestPolicy.map("US", SCC, "MARS", "none"))));
        assertThatThrownBy(() -> t.load(dir)).isInstanceOf(PolicyException.class).hasMessageContaining("jurisdictions.yaml")
                .hasMessageContaining("jurisdictions.EU.personal_data.legal_basis").hasMessageContaining("unknown jurisdiction 'MARS'");
    }

    @Test
    void anEmptyBasisIsRefusedByTheSchema() {
        TestPolicy t = TestPolicy.basic();
        t.destination("partner", "US").put("legal_basis", "");
        assertThatThrownBy(() -> t.load(dir)).isInstanceOf(PolicyException.class).hasMessageContaining("destinations.yaml")
                .hasMessageContaining("legal_basis");
    }

    @Test
    void theOriginsBasisAppliesWhenTheDestinationNamesNone() {
        TestPolicy t = TestPolicy.basic();
        t.destination("partner", "US");
        t.jurisdictions.put("EU", TestPolicy.map("name", "EU", "members", List.of("DE"), "localisation", TestPolicy.map("rule", "free"),
                "personal_data", TestPolicy.map("legal_basis", TestPolicy.map("US", SCC))));
        Policy p = t.load(dir);
        assertThat(p.legalBasis(p.jurisdiction("EU").orElseThrow(), p.requireDestination("partner"))).isEqualTo(SCC);
    }
}
