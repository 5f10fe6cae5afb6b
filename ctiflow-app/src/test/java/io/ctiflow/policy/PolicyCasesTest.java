package io.ctiflow.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked examples in policies/cases/ hold for the shipped policy, and a wrong expectation is reported. */
class PolicyCasesTest {

    @Test
    void shippedCasesPass() throws IOException {
        List<PolicyCases.Result> results = PolicyCases.run(PolicyTestSupport.shippedPolicy(), Path.of("policies/cases"));
        assertThat(results).hasSizeGreaterThanOrEqualTo(12);
        assertThat(results).allSatisfy(r -> assertThat(r.problems()).as(r.file() + ": " + r.name()).isEmpty());
    }

    @Test
    void aCaseThatExpectsRedToLeaveFailsWithTheReason(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("wrong.yaml"), """
                cases:
                  - name: wrongly expects TLP:RED to be shared
                    destination: cert-eu
                    source: misp
                    objects:
                      - {type: indicator, id: indicator--0c6f1a1e-6a53-4bd0-9d36-2a8f4b3e0001, pattern: "[domain-name:value = 'red.example']",
                         pattern_type: stix, valid_from: "2024-01-01T00:00:00Z", object_marking_refs: [marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1]}
                    expect:
                      shared: [indicator--0c6f1a1e-6a53-4bd0-9d36-2a8f4b3e0001]
                      absent: ["red.example"]
                """);
        List<PolicyCases.Result> results = PolicyCases.run(PolicyTestSupport.shippedPolicy(), dir);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.passed()).isFalse();
            assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("should be shared but was withheld [tlp]").contains("TLP:RED never leaves"));
        });
    }
}
