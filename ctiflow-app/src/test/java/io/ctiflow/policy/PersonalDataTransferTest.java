package io.ctiflow.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.ctiflow.policy.Stx.decision;
import static io.ctiflow.policy.Stx.filter;
import static org.assertj.core.api.Assertions.assertThat;

/** What a decision records of the personal data it acted on: per class, the action really taken and how many values, never a value. */
class PersonalDataTransferTest {

    @TempDir
    Path dir;

    private Policy policy(String subdir, Object... personalData) {
        TestPolicy p = TestPolicy.basic();
        p.destination("d", "US").put("personal_data", TestPolicy.map(personalData));
        p.source("src").put("default_tlp", "clear");
        p.jurisdictions.put("EU", TestPolicy.map("name", "EU", "members", List.of("DE", "FR", "BE"), "localisation", TestPolicy.map("rule", "free"),
                "personal_data", TestPolicy.map("transfers_to", "any", "legal_basis", TestPolicy.map("US", "standard contractual clauses"))));
        return p.load(dir.resolve(subdir));
    }

    /** An identity naming a person and her e-mail address in its contact information. */
    private static ObjectNode person() {
        ObjectNode person = Stx.prov(Stx.identity("Alice Example", "individual"), "src", "DE");
        person.put("contact_information", "alice@example.org");
        return person;
    }

    @Test
    void eachClassIsRecordedWithTheActionTakenAndTheBasis() {
        ObjectNode person = person();
        Decision d = decision(filter(policy("mixed", "default", "keep", "email-address", "pseudonymise"), "d", person), person);
        assertThat(d.outcome()).isEqualTo(Outcome.REDACTED);
        PersonalDataTransfer t = d.personal();
        assertThat(t.from()).isEqualTo("EU");
        assertThat(t.to()).isEqualTo("US");
        assertThat(t.basis()).isEqualTo("standard contractual clauses");
        assertThat(t.handled()).containsExactly(new PersonalDataTransfer.Handled("email-address", "pseudonymised", 1),
                new PersonalDataTransfer.Handled("name", "kept", 1));
        assertThat(t.toString()).doesNotContain("alice@example.org").doesNotContain("Alice Example");
    }

    @Test
    void aPhoneNumberThatCannotBeGeneralisedIsRecordedAsRedacted() {
        ObjectNode email = Stx.prov(Stx.email("alice@example.org"), "src", "DE");
        ObjectNode person = Stx.prov(Stx.identity("Alice Example", "individual"), "src", "DE");
        person.put("contact_information", "+49 30 1234567");
        FilterResult r = filter(policy("generalise", "default", "generalise", "name", "keep"), "d", email, person);
        assertThat(decision(r, email).personal().handled()).containsExactly(new PersonalDataTransfer.Handled("email-address", "generalised", 1));
        assertThat(decision(r, person).personal().handled()).containsExactly(new PersonalDataTransfer.Handled("name", "kept", 1),
                new PersonalDataTransfer.Handled("phone-number", "redacted", 1));
    }

    @Test
    void anObjectWithheldForItsPersonalDataDroppedIt() {
        ObjectNode person = person();
        Decision d = decision(filter(policy("drop", "default", "keep", "name", "drop"), "d", person), person);
        assertThat(d.outcome()).isEqualTo(Outcome.WITHHELD);
        assertThat(d.rule()).isEqualTo("personal-data");
        assertThat(d.personal().handled()).extracting(PersonalDataTransfer.Handled::action).containsOnly("dropped");
    }

    @Test
    void objectsWithoutPersonalDataOrWithheldForOtherReasonsRecordNoTransfer() {
        ObjectNode clean = Stx.prov(Stx.indicator("[domain-name:value = 'evil.example']"), "src", "DE");
        ObjectNode person = Stx.marked(person(), Stx.TLP1_RED);
        FilterResult r = filter(policy("keep", "default", "keep"), "d", clean, person);
        assertThat(decision(r, clean).personal()).isNull();
        assertThat(decision(r, person).outcome()).isEqualTo(Outcome.WITHHELD);
        assertThat(decision(r, person).personal()).isNull();
    }
}
