package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.StixAssertions;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static io.ctiflow.policy.Stx.decision;
import static io.ctiflow.policy.Stx.filter;
import static io.ctiflow.policy.Stx.id;
import static io.ctiflow.policy.Stx.out;
import static org.assertj.core.api.Assertions.assertThat;

/** FIRST IEP 2.0 marking definitions (recognised by iep_version in an extension). */
class IepRuleTest {

    @TempDir
    Path dir;
    private Policy policy;

    @BeforeEach
    void policy() {
        TestPolicy p = TestPolicy.basic();
        p.destination("tls", "EU").put("endpoints", List.of(TestPolicy.map("kind", "embedded-taxii", "collection", "x", "tls", true)));
        p.destination("https", "EU").put("endpoints", List.of(TestPolicy.map("kind", "webhook", "url", "https://partner.example/hook")));
        p.destination("plain", "EU").put("endpoints", List.of(TestPolicy.map("kind", "file"),
                TestPolicy.map("kind", "webhook", "url", "http://partner.example/hook")));
        p.destination("reseller", "EU").putAll(TestPolicy.map("resale", true,
                "endpoints", List.of(TestPolicy.map("kind", "file"))));
        p.source("src").put("default_tlp", "clear");
        policy = p.load(dir);
    }

    /** An IEP 2.0 marking definition carried in a property extension. */
    static ObjectNode iep(String providerAttribution, String encryptInTransit, String unmodifiedResale, String tlp) {
        ObjectNode md = Stx.parse("{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"created\":\"" + Stx.TIME + "\"}");
        md.put("id", "marking-definition--" + UUID.randomUUID());
        md.put("name", "IEP test policy");
        ObjectNode ext = md.putObject("extensions").putObject("extension-definition--" + UUID.randomUUID());
        ext.put("extension_type", "property-extension");
        ext.put("iep_version", "2.0");
        ext.put("name", "IEP test policy");
        ext.put("provider_attribution", providerAttribution);
        ext.put("encrypt_in_transit", encryptInTransit);
        ext.put("unmodified_resale", unmodifiedResale);
        if (tlp != null) {
            ext.put("tlp", tlp);
        }
        return md;
    }

    private static ObjectNode marked(ObjectNode o, ObjectNode iep) {
        return Stx.marked(Stx.prov(o, "src", "DE"), id(iep));
    }

    @Test
    void encryptInTransitMustAllowsOnlyEncryptedEndpoints() {
        ObjectNode iep = iep("may", "must", "may", "clear");
        ObjectNode o = marked(Stx.indicator("[domain-name:value = 'evil.example']"), iep);
        assertThat(out(filter(policy, "tls", iep, o), o)).isNotNull();
        assertThat(out(filter(policy, "https", iep, o), o)).isNotNull();
        FilterResult plain = filter(policy, "plain", iep, o);
        assertThat(out(plain, o)).isNull();
        assertThat(decision(plain, o).rule()).isEqualTo("iep");
        assertThat(decision(plain, o).reason()).contains("encryption in transit");
    }

    @Test
    void unmodifiedResaleMustNotKeepsItFromResellers() {
        ObjectNode iep = iep("may", "may", "must-not", "clear");
        ObjectNode o = marked(Stx.indicator("[domain-name:value = 'evil.example']"), iep);
        FilterResult r = filter(policy, "reseller", iep, o);
        assertThat(out(r, o)).isNull();
        assertThat(decision(r, o).reason()).contains("forbids resale");
        assertThat(out(filter(policy, "tls", iep, o), o)).isNotNull();
    }

    @Test
    void providerAttributionMustNotStripsCreatorAndWithholdsTheProvider() {
        ObjectNode iep = iep("must-not", "may", "may", "clear");
        ObjectNode provider = Stx.marked(Stx.prov(Stx.identity("Example CERT", "organization"), "src", "DE"), Tlp.CLEAR.markingId());
        ObjectNode o = marked(Stx.indicator("[domain-name:value = 'evil.example']"), iep);
        o.put("created_by_ref", id(provider));
        FilterResult r = filter(policy, "tls", iep, provider, o);
        StixAssertions.assertValidBundle(PolicyTestSupport.bundle(r.objects()), "iep");
        assertThat(out(r, o).has("created_by_ref")).isFalse();
        assertThat(decision(r, o).outcome()).isEqualTo(Outcome.REDACTED);
        assertThat(decision(r, o).reason()).contains("forbids provider attribution");
        assertThat(out(r, provider)).isNull();
        assertThat(decision(r, provider).reason()).contains("provider attribution");
        assertThat(Stx.json(r)).doesNotContain("Example CERT");
        assertThat(out(r, iep)).as("the IEP marking travels with the object").isNotNull();
    }

    @Test
    void tlpInsideTheIepPolicyCounts() {
        ObjectNode iep = iep("may", "may", "may", "red");
        ObjectNode o = marked(Stx.indicator("[domain-name:value = 'evil.example']"), iep);
        FilterResult r = filter(policy, "tls", iep, o);
        assertThat(r.objects()).isEmpty();
        assertThat(decision(r, o).reason()).contains("TLP:RED");
    }

    @Test
    void permissiveIepPolicySharesAndTravels() {
        ObjectNode iep = iep("may", "may", "may", "clear");
        ObjectNode o = marked(Stx.indicator("[domain-name:value = 'evil.example']"), iep);
        FilterResult r = filter(policy, "reseller", iep, o);
        assertThat(out(r, o)).isNotNull();
        assertThat(out(r, iep)).isNotNull();
        assertThat(decision(r, o).outcome()).isEqualTo(Outcome.SHARED);
    }
}
