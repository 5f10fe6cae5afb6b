package io.ctiflow.misp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import org.junit.jupiter.api.Test;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.byId;
import static io.ctiflow.misp.MispTestSupport.ofType;
import static io.ctiflow.misp.MispTestSupport.provenance;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/** Person, e-mail and user-account data is flagged with personal-data classes for the jurisdiction filter. */
class MispPersonalDataFlagsTest {

    static final String EVENT = """
            {"uuid": "0d5e1a9c-6f7b-4c55-9f6e-2b1f7a0c0002", "info": "phishing wave", "date": "2024-03-02", "timestamp": "1709380000",
             "published": true, "distribution": "2", "Orgc": {"name": "CERT-X", "uuid": "11111111-2222-4333-8444-555555555555"},
             "Attribute": [
               {"uuid": "b0000000-0000-4000-8000-000000000001", "type": "email-src", "value": "Jane.Doe@Example.org", "to_ids": false, "timestamp": "1709380000"},
               {"uuid": "b0000000-0000-4000-8000-000000000002", "type": "phone-number", "value": "+33 1 23 45 67 89", "to_ids": false, "timestamp": "1709380000"}],
             "Object": [
               {"uuid": "c0000000-0000-4000-8000-000000000001", "name": "person", "timestamp": "1709380000", "distribution": "5", "Attribute": [
                 {"uuid": "c1000000-0000-4000-8000-000000000001", "object_relation": "first-name", "type": "first-name", "value": "Jane"},
                 {"uuid": "c1000000-0000-4000-8000-000000000002", "object_relation": "last-name", "type": "last-name", "value": "Doe"},
                 {"uuid": "c1000000-0000-4000-8000-000000000003", "object_relation": "phone-number", "type": "phone-number", "value": "+33 1 23 45 67 89"},
                 {"uuid": "c1000000-0000-4000-8000-000000000004", "object_relation": "nationality", "type": "nationality", "value": "French"}]},
               {"uuid": "c0000000-0000-4000-8000-000000000002", "name": "email", "timestamp": "1709380000", "Attribute": [
                 {"uuid": "c2000000-0000-4000-8000-000000000001", "object_relation": "from", "type": "email-src", "value": "jane.doe@example.org", "to_ids": true},
                 {"uuid": "c2000000-0000-4000-8000-000000000002", "object_relation": "from-display-name", "type": "email-src-display-name", "value": "Jane Doe", "to_ids": false},
                 {"uuid": "c2000000-0000-4000-8000-000000000003", "object_relation": "subject", "type": "email-subject", "value": "Your invoice", "to_ids": true},
                 {"uuid": "c2000000-0000-4000-8000-000000000004", "object_relation": "to", "type": "email-dst", "value": "victim@example.com", "to_ids": false}]},
               {"uuid": "c0000000-0000-4000-8000-000000000003", "name": "email", "timestamp": "1709380000", "Attribute": [
                 {"uuid": "c3000000-0000-4000-8000-000000000001", "object_relation": "from", "type": "email-src", "value": "jane.doe@example.org", "to_ids": false},
                 {"uuid": "c3000000-0000-4000-8000-000000000002", "object_relation": "subject", "type": "email-subject", "value": "Re: invoice", "to_ids": false}]}]}
            """;

    @Test
    void personObjectIsAnIndividualIdentityFlaggedAsPersonalData() throws Exception {
        MispConversion c = CONVERTER.convert(Stix.mapper().readTree(EVENT));
        ObjectNode person = ofType(c, "identity").stream().filter(i -> i.path("identity_class").asText().equals("individual")
                && i.path("name").asText().equals("Jane Doe")).findFirst().orElseThrow();
        assertThat(person.path("contact_information").asText()).isEqualTo("+33 1 23 45 67 89");
        assertThat(provenance(person).path("personal_data").toString()).contains("name", "phone-number");
        assertThat(provenance(person).path("extra").path("misp_nationality").asText()).isEqualTo("French");
        validBundle("personal data", c);
    }

    @Test
    void emailObjectsAndAttributesCarryEmailAddressClasses() throws Exception {
        MispConversion c = CONVERTER.convert(Stix.mapper().readTree(EVENT));
        ObjectNode indicator = ofType(c, "indicator").get(0);
        assertThat(indicator.path("pattern").asText()).isEqualTo("[email-message:from_ref.value = 'jane.doe@example.org'"
                + " AND email-message:from_ref.display_name = 'Jane Doe' AND email-message:subject = 'Your invoice'"
                + " AND email-message:to_refs[*].value = 'victim@example.com']");
        assertThat(provenance(indicator).path("personal_data").toString()).contains("email-address", "name", "communication-metadata");
        // observed e-mail: the observed-data and its SCOs are flagged, the sender is an email-addr SCO
        ObjectNode observed = ofType(c, "observed-data").stream()
                .filter(o -> provenance(o).path("misp_object").asText().equals("c0000000-0000-4000-8000-000000000003")).findFirst().orElseThrow();
        assertThat(provenance(observed).path("personal_data").toString()).contains("email-address");
        ObjectNode message = byId(c, observed.path("object_refs").get(0).asText());
        assertThat(message.path("is_multipart").asBoolean(true)).isFalse();
        ObjectNode sender = byId(c, message.path("from_ref").asText());
        assertThat(sender.path("value").asText()).isEqualTo("jane.doe@example.org");
        assertThat(provenance(sender).path("personal_data").toString()).contains("email-address");
        // attribute level: email-src and phone-number
        assertThat(ofType(c, "observed-data")).anyMatch(o -> provenance(o).path("source_record").asText().equals("b0000000-0000-4000-8000-000000000001")
                && provenance(o).path("personal_data").toString().contains("email-address"));
        assertThat(ofType(c, "identity")).anyMatch(i -> "+33 1 23 45 67 89".equals(i.path("contact_information").asText())
                && provenance(i).path("personal_data").toString().contains("phone-number"));
        validBundle("e-mail personal data", c);
    }
}
