package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.ctiflow.misp.MispTestSupport.CONVERTER;
import static io.ctiflow.misp.MispTestSupport.sample;
import static io.ctiflow.misp.MispTestSupport.validBundle;
import static org.assertj.core.api.Assertions.assertThat;

/** Every real sample converts to a bundle both STIX oracles accept, with nothing unknown and no reject. */
class MispSamplesToValidStixTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "circl-osint-jrat-crypter-large-with-attachments.json",
            "events/circl-osint-pubg-ransomware-galaxies.json",
            "events/circl-osint-regin-stage1-events-view.json",
            "circl-osint-sednit-2017-objects-galaxies.json",
            "events/circl-ransomware-xorist-small.json",
            "events/circl-us-cert-samsam-mar-objects-only.json",
            "events/misp-rest-events-add-response.json",
            "events/ursnif-with-sightings.json",
            "test_events_collection_1.json",
            "test_events_collection_2.json",
            "feed-chrome-mal-ids/14d81e68-c68b-5dd2-a7b3-6af53e7bdf58.json",
            "feed-chrome-mal-ids/248ce935-7bbb-5d0d-9e0b-b9d14c99fb2e.json",
            "feed-chrome-mal-ids/3f3ea128-2608-55f8-bd81-78a12a88706e.json",
            "feed-chrome-mal-ids/4716c901-01a3-58c6-813c-5745f2376069.json",
            "feed-chrome-mal-ids/6c8b14cf-2988-5588-b411-faa40883ea8f.json",
            "feed-chrome-mal-ids/f947d4ae-77a5-547a-b541-6cb74add70fd.json",
            "feed-misp-testsuite/56bf399d-c46c-4fdb-a9cf-d9bb02de0b81.json"})
    void sampleConvertsToValidStix(String name) {
        List<MispConversion> conversions = CONVERTER.convertDocument(sample(name));
        assertThat(conversions).isNotEmpty();
        for (MispConversion c : conversions) {
            assertThat(c.rejects()).as("rejects of " + name).isEmpty();
            assertThat(c.unknownTypes()).as("unknown types in " + name).isZero();
            assertThat(c.objects()).extracting(o -> o.type()).containsAnyOf("report", "grouping");
        }
        JsonNode bundle = validBundle(name, conversions);
        assertThat(bundle.path("objects").size()).isGreaterThan(3);
    }
}
