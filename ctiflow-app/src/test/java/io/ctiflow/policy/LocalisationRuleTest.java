package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static io.ctiflow.policy.Stx.decision;
import static io.ctiflow.policy.Stx.filter;
import static io.ctiflow.policy.Stx.out;
import static org.assertj.core.api.Assertions.assertThat;

/** Data localisation by origin jurisdiction, from the provenance or the source default. */
class LocalisationRuleTest {

    private static final List<String> ALL = List.of("eu", "us", "cn", "ru");

    @TempDir
    Path dir;

    private Policy policy(boolean unlistedOrigins) {
        TestPolicy p = TestPolicy.basic();
        p.jurisdictions.put("CN", TestPolicy.map("name", "CN", "members", List.of("CN"), "localisation", TestPolicy.map("rule", "stay")));
        p.jurisdictions.put("RU", TestPolicy.map("name", "RU", "members", List.of("RU"),
                "localisation", TestPolicy.map("rule", "only_to", "to", List.of("EU"), "applies_to", "personal_data"),
                "personal_data", TestPolicy.map("transfers_to", "any")));
        for (String d : ALL) {
            p.destination(d, d.toUpperCase(Locale.ROOT));
        }
        p.source("src").put("default_tlp", "clear");
        p.source("cn-feed").putAll(TestPolicy.map("default_tlp", "clear", "origin", "CN"));
        p.source("nowhere").put("default_tlp", "clear");
        ((Map<?, ?>) p.sources.get("nowhere")).remove("origin");
        if (unlistedOrigins) {
            p.policy.put("unlisted_origins", TestPolicy.map("localisation", TestPolicy.map("rule", "free")));
        }
        return p.load(dir.resolve(String.valueOf(unlistedOrigins)));
    }

    private static ObjectNode from(String source, String origin) {
        return Stx.marked(Stx.prov(Stx.indicator("[domain-name:value = 'evil.example']"), source, origin), Tlp.CLEAR.markingId());
    }

    private static List<String> receivers(Policy policy, ObjectNode o) {
        return ALL.stream().filter(d -> out(filter(policy, d, o), o) != null).collect(Collectors.toList());
    }

    @Test
    void stayKeepsIntelligenceInsideItsJurisdiction() {
        Policy policy = policy(false);
        ObjectNode o = from("src", "CN");
        assertThat(receivers(policy, o)).containsExactly("cn");
        Decision d = decision(filter(policy, "eu", o), o);
        assertThat(d.rule()).isEqualTo("localisation");
        assertThat(d.reason()).contains("origin CN from provenance").contains("may not leave").contains("EU");
    }

    @Test
    void originComesFromTheSourceDefaultWhenTheProvenanceHasNone() {
        Policy policy = policy(false);
        ObjectNode o = from("cn-feed", null);
        assertThat(receivers(policy, o)).containsExactly("cn");
        assertThat(decision(filter(policy, "us", o), o).reason()).contains("by default of source cn-feed");
    }

    @Test
    void freeOriginGoesEverywhere() {
        assertThat(receivers(policy(false), from("src", "FR"))).containsExactlyElementsOf(ALL);
    }

    @Test
    void onlyToForPersonalDataBindsOnlyObjectsHoldingIt() {
        Policy policy = policy(false);
        ObjectNode plain = from("src", "RU");
        assertThat(receivers(policy, plain)).containsExactlyElementsOf(ALL);
        ObjectNode personal = Stx.marked(Stx.prov(Stx.email("ivan@example.ru"), "src", "RU"), Tlp.CLEAR.markingId());
        assertThat(receivers(policy, personal)).containsExactly("eu", "ru");
        assertThat(decision(filter(policy, "us", personal), personal).reason()).contains("personal data may go only to EU");
    }

    @Test
    void unknownOriginIsWithheldUnlessUnlistedOriginsAreConfigured() {
        ObjectNode o = from("src", "ZZ");
        Policy strict = policy(false);
        assertThat(receivers(strict, o)).isEmpty();
        assertThat(decision(filter(strict, "eu", o), o).reason()).contains("ZZ belongs to no jurisdiction");
        assertThat(receivers(policy(true), o)).containsExactlyElementsOf(ALL);
    }

    @Test
    void objectWithoutAnyOriginIsWithheld() {
        Policy policy = policy(true);
        ObjectNode o = from("nowhere", null);
        assertThat(receivers(policy, o)).isEmpty();
        assertThat(decision(filter(policy, "eu", o), o).reason()).contains("origin jurisdiction unknown");
    }
}
