package io.ctiflow.misp;

import org.junit.jupiter.api.Test;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.ofType;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/** organization, legal-entity and news-agency objects become organisations, employee and person individuals (misp-stix's test objects). */
class MispIdentityObjectsTest {

    @Test
    void organisationObjectsAreOrganisationsAndEmployeesIndividuals() {
        for (String[] c : new String[][] {{"organization", "organization"}, {"legal-entity", "organization"}, {"news-agency", "organization"},
                {"employee", "individual"}, {"person", "individual"}}) {
            MispConversion conversion = CONVERTER.convert(MispStixReference.event(c[0],
                    MispStixReference.fixture("objects/" + c[0] + ".json").get("MISP"), null));
            validBundle(c[0], conversion);
            assertThat(conversion.rejects()).as(c[0]).isEmpty();
            // the event's creator organisation is an identity too; the object's identity is the other one
            assertThat(ofType(conversion, "identity")).as(c[0])
                    .filteredOn(i -> !i.path("name").asText().equals("MISP-Project") && !i.path("name").asText().equals("ctiflow"))
                    .singleElement().satisfies(i -> {
                        assertThat(i.path("identity_class").asText()).isEqualTo(c[1]);
                        assertThat(i.path("name").asText()).doesNotStartWith("unnamed");
                    });
        }
    }
}
