package io.ctiflow.misp;

import io.ctiflow.stix.StixObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static io.ctiflow.misp.MispTestSupport.sample;
import static org.assertj.core.api.Assertions.assertThat;

/** Converting the same event again, with a fresh converter, gives byte-identical objects (ids, timestamps, order). */
class MispConversionDeterminismTest {

    @ParameterizedTest
    @ValueSource(strings = {"circl-osint-sednit-2017-objects-galaxies.json", "events/ursnif-with-sightings.json",
            "events/circl-osint-pubg-ransomware-galaxies.json", "events/circl-us-cert-samsam-mar-objects-only.json", "events/circl-ransomware-xorist-small.json"})
    void convertingTwiceGivesIdenticalBytes(String name) {
        MispConversion first = MispTestSupport.CONVERTER.convert(sample(name));
        MispConversion second = new MispToStix(Path.of("mappings/misp")).convert(sample(name));
        assertThat(second.objects()).hasSameSizeAs(first.objects());
        for (int i = 0; i < first.objects().size(); i++) {
            assertThat(new String(second.objects().get(i).json())).isEqualTo(new String(first.objects().get(i).json()));
        }
        List<String> ids = first.objects().stream().map(StixObject::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }
}
