package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.StixAssertions;
import io.ctiflow.stix.StixIds;
import io.ctiflow.stix.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.ctiflow.policy.Stx.decision;
import static io.ctiflow.policy.Stx.filter;
import static io.ctiflow.policy.Stx.id;
import static io.ctiflow.policy.Stx.json;
import static io.ctiflow.policy.Stx.out;
import static org.assertj.core.api.Assertions.assertThat;

/** Personal data per destination: keep, drop, redact, pseudonymise (keyed HMAC) or generalise. */
class PersonalDataRuleTest {

    @TempDir
    Path dir;

    /** One destination "d" in the EU whose personal-data actions are {@code default: action}. */
    private Policy policy(String action, String key, String subdir) {
        TestPolicy p = TestPolicy.basic();
        p.key = key;
        p.destination("d", "EU").put("personal_data", TestPolicy.map("default", action));
        p.source("src").put("default_tlp", "clear");
        return p.load(dir.resolve(subdir));
    }

    private Policy policy(String action) {
        return policy(action, PolicyTestSupport.KEY, action);
    }

    private static ObjectNode src(ObjectNode o) {
        return Stx.prov(o, "src", "DE");
    }

    private static void valid(FilterResult r) {
        StixAssertions.assertValidBundle(PolicyTestSupport.bundle(r.objects()), "personal data");
    }

    @Test
    void keepPassesPersonalDataUnchanged() {
        ObjectNode email = src(Stx.email("alice@example.org"));
        FilterResult r = filter(policy("keep"), "d", email);
        assertThat(out(r, email).path("value").asText()).isEqualTo("alice@example.org");
        assertThat(decision(r, email).outcome()).isEqualTo(Outcome.SHARED);
    }

    @Test
    void dropWithholdsTheObject() {
        ObjectNode email = src(Stx.email("alice@example.org"));
        ObjectNode clean = src(Stx.indicator("[domain-name:value = 'evil.example']"));
        FilterResult r = filter(policy("drop"), "d", email, clean);
        assertThat(out(r, email)).isNull();
        assertThat(out(r, clean)).isNotNull();
        assertThat(decision(r, email).rule()).isEqualTo("personal-data");
        assertThat(decision(r, email).reason()).contains("email-address").contains("drops");
        assertThat(json(r)).doesNotContain("alice@example.org");
    }

    @Test
    void redactRemovesThePropertyAndWithholdsObjectsThatNeedIt() {
        ObjectNode person = src(Stx.identity("Alice Example", "individual"));
        person.put("contact_information", "+49 30 1234567");
        ObjectNode lure = src(Stx.indicator("[domain-name:value = 'lure.example']"));
        ObjectNode report = src(Stx.report("Phishing wave", person, lure));
        report.put("description", "Alice Example (+49 30 1234567) was targeted");
        ObjectNode account = src(Stx.account("alice01"));
        account.put("display_name", "Alice Example");
        FilterResult r = filter(policy("redact"), "d", person, lure, report, account);
        valid(r);
        assertThat(out(r, person)).as("identity name is required").isNull();
        assertThat(decision(r, person).reason()).contains("name is required");
        ObjectNode reportOut = out(r, report);
        assertThat(reportOut.has("description")).isFalse();
        assertThat(decision(r, report).outcome()).isEqualTo(Outcome.REDACTED);
        assertThat(decision(r, report).reason()).contains("description removed");
        assertThat(json(r)).doesNotContain("Alice Example").doesNotContain("1234567").doesNotContain("alice01");
    }

    @Test
    void phoneNumberAsContactInformationFollowsThePhoneNumberAction(@TempDir Path other) {
        TestPolicy p = TestPolicy.basic();
        p.destination("d", "EU").put("personal_data", TestPolicy.map("default", "keep", "phone-number", "redact"));
        p.source("src").put("default_tlp", "clear");
        Policy policy = p.load(other);
        ObjectNode org = src(Stx.identity("Help desk", "individual"));
        org.put("contact_information", "+49 30 5550006");
        FilterResult r = filter(policy, "d", org);
        assertThat(out(r, org).has("contact_information")).isFalse();
        assertThat(out(r, org).path("name").asText()).isEqualTo("Help desk");
        assertThat(decision(r, org).reason()).contains("phone-number redacted");
    }

    @Test
    void observableLeftWithoutAnyPropertyIsWithheldNotSentEmpty() {
        ObjectNode account = src(Stx.account("alice01"));
        FilterResult r = filter(policy("redact"), "d", account);
        assertThat(r.objects()).isEmpty();
        assertThat(decision(r, account).outcome()).isEqualTo(Outcome.WITHHELD);
        assertThat(decision(r, account).reason()).contains("no property left");
    }

    @Test
    void pseudonymsAreStableUnderOneKeyAndDifferUnderAnother() {
        ObjectNode email = src(Stx.email("alice@example.org"));
        String a1 = onlyEmail(filter(policy("pseudonymise", "key-one", "a1"), "d", email));
        String a2 = onlyEmail(filter(policy("pseudonymise", "key-one", "a2"), "d", email));
        String b = onlyEmail(filter(policy("pseudonymise", "key-two", "b"), "d", email));
        assertThat(a1).isEqualTo(a2).endsWith("@pseudonymised.example.org").doesNotContain("alice");
        assertThat(b).isNotEqualTo(a1).endsWith("@pseudonymised.example.org");
    }

    private static String onlyEmail(FilterResult r) {
        valid(r);
        return r.objects().stream().filter(o -> o.type().equals("email-addr")).findFirst().orElseThrow().tree().path("value").asText();
    }

    @Test
    void pseudonymisedObservableGetsTheIdOfItsNewValueAndReferencesFollow() {
        ObjectNode email = src(Stx.email("alice@example.org"));
        ObjectNode indicator = src(Stx.indicator("[domain-name:value = 'evil.example']"));
        ObjectNode rel = src(Stx.relationship("related-to", indicator, email));
        ObjectNode report = src(Stx.report("r", indicator, email));
        FilterResult r = filter(policy("pseudonymise"), "d", email, indicator, rel, report);
        valid(r);
        ObjectNode pseudonymised = r.objects().stream().filter(o -> o.type().equals("email-addr")).findFirst().orElseThrow().tree();
        String newId = pseudonymised.path("id").asText();
        assertThat(newId).isNotEqualTo(id(email)).isEqualTo(StixIds.observableId(withoutId(pseudonymised)));
        assertThat(out(r, rel).path("target_ref").asText()).isEqualTo(newId);
        assertThat(out(r, report).path("object_refs").toString()).contains(newId).doesNotContain(id(email));
        assertThat(decision(r, report).outcome()).as("a rewritten reference is a change the audit records").isEqualTo(Outcome.REDACTED);
        assertThat(decision(r, report).reason()).contains("renamed in object_refs");
        assertThat(decision(r, rel).reason()).contains("renamed in target_ref");
        assertThat(decision(r, email).outcome()).isEqualTo(Outcome.REDACTED);
        assertThat(decision(r, email).reason()).contains("pseudonymised");
        assertThat(json(r)).doesNotContain("alice@example.org").doesNotContain(id(email));
    }

    private static ObjectNode withoutId(ObjectNode sco) {
        ObjectNode c = sco.deepCopy();
        c.remove("id");
        return c;
    }

    @Test
    void pseudonymisingWithoutAKeyWithholds() {
        ObjectNode email = src(Stx.email("alice@example.org"));
        FilterResult r = filter(policy("pseudonymise", null, "nokey"), "d", email);
        assertThat(r.objects()).isEmpty();
        assertThat(decision(r, email).reason()).contains("no pseudonymisation key").contains(TestPolicy.KEY_VARIABLE);
    }

    @Test
    void accountsAndDisplayNamesArePseudonymised() {
        ObjectNode account = src(Stx.account("jdoe"));
        account.put("account_login", "john.doe");
        ObjectNode email = src(Stx.email("john.doe@example.org"));
        email.put("display_name", "John Doe");
        FilterResult r = filter(policy("pseudonymise"), "d", account, email);
        valid(r);
        assertThat(json(r)).doesNotContain("jdoe").doesNotContain("john.doe").doesNotContain("John Doe").contains("pseudonym-");
    }

    @Test
    void generaliseTurnsVictimIpv4IntoItsSlash24() {
        ObjectNode ip = src(Stx.ipv4("198.51.100.23"));
        Stx.ext(ip).putArray("personal_data").add("ip-address");
        FilterResult r = filter(policy("generalise"), "d", ip);
        valid(r);
        ObjectNode o = r.objects().stream().filter(x -> x.type().equals("ipv4-addr")).findFirst().orElseThrow().tree();
        assertThat(o.path("value").asText()).isEqualTo("198.51.100.0/24");
        assertThat(o.path("id").asText()).isNotEqualTo(id(ip));
        assertThat(json(r)).doesNotContain("198.51.100.23");
    }

    @Test
    void unflaggedPublicIpIsNotPersonalData() {
        ObjectNode ip = src(Stx.ipv4("198.51.100.23"));
        FilterResult r = filter(policy("generalise"), "d", ip);
        assertThat(out(r, ip).path("value").asText()).isEqualTo("198.51.100.23");
    }

    @Test
    void generaliseInsideAPatternBecomesARangeMatch() {
        ObjectNode v4 = src(Stx.indicator("[ipv4-addr:value = '10.1.2.3']"));
        ObjectNode v6 = src(Stx.indicator("[ipv6-addr:value = 'fd12:3456:789a:1::5']"));
        ObjectNode mail = src(Stx.indicator("[email-addr:value = 'alice@example.org']"));
        FilterResult r = filter(policy("generalise"), "d", v4, v6, mail);
        valid(r);
        assertThat(out(r, v4).path("pattern").asText()).isEqualTo("[ipv4-addr:value ISSUBSET '10.1.2.0/24']");
        assertThat(out(r, v6).path("pattern").asText()).isEqualTo("[ipv6-addr:value ISSUBSET 'fd12:3456:789a::/48']");
        assertThat(out(r, mail).path("pattern").asText()).isEqualTo("[email-addr:value LIKE '%@example.org']");
        assertThat(decision(r, mail).outcome()).isEqualTo(Outcome.REDACTED);
        assertThat(json(r)).doesNotContain("10.1.2.3").doesNotContain("fd12:3456:789a:1::5").doesNotContain("alice@");
    }

    @Test
    void generalisedEmailKeepsItsDomain() {
        ObjectNode email = src(Stx.email("alice@example.org"));
        ObjectNode note = src(Stx.sdo("note"));
        note.put("content", "contact alice@example.org for details");
        note.putArray("object_refs").add(id(email));
        FilterResult r = filter(policy("generalise"), "d", email, note);
        valid(r);
        assertThat(onlyEmail(r)).isEqualTo("*@example.org");
        assertThat(out(r, note).path("content").asText()).isEqualTo("contact *@example.org for details");
    }

    @Test
    void namesCannotBeGeneralisedAndAreRedacted() {
        ObjectNode person = src(Stx.identity("Alice Example", "individual"));
        ObjectNode ta = src(Stx.threatActor("Fancy Bear"));
        ta.put("description", "operated by Alice Example");
        FilterResult r = filter(policy("generalise"), "d", person, ta);
        assertThat(out(r, person)).isNull();
        assertThat(out(r, ta).has("description")).isFalse();
        assertThat(json(r)).doesNotContain("Alice Example");
    }

    @Test
    @SuppressWarnings("unchecked")
    void originJurisdictionWithoutTransferAgreementOverridesKeep(@TempDir Path other) {
        TestPolicy p = TestPolicy.basic();
        ((Map<String, Object>) p.jurisdictions.get("CN")).put("personal_data",
                TestPolicy.map("transfers_to", List.of("CN"), "otherwise", "drop"));
        p.destination("d", "EU").put("personal_data", TestPolicy.map("default", "keep"));
        p.source("src").put("default_tlp", "clear");
        Policy policy = p.load(other);
        ObjectNode email = Stx.prov(Stx.email("wang@example.cn"), "src", "CN");
        FilterResult r = filter(policy, "d", email);
        assertThat(r.objects()).isEmpty();
        assertThat(decision(r, email).reason()).contains("may not be transferred to EU");
    }

    @Test
    void flaggedButUnlocatablePersonalDataIsWithheldUnlessKept() {
        ObjectNode o = src(Stx.indicator("[domain-name:value = 'evil.example']"));
        Stx.ext(o).putArray("personal_data").add("health-data");
        Stx.marked(o, Tlp.CLEAR.markingId());
        FilterResult redact = filter(policy("redact"), "d", o);
        assertThat(redact.objects()).isEmpty();
        assertThat(decision(redact, o).reason()).contains("health-data").contains("cannot locate");
        assertThat(out(filter(policy("keep"), "d", o), o)).isNotNull();
    }
}
