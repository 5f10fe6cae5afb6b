package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeSplitterTest {

    @Test
    void everyEnvelopeStaysWithinTheLimitAndKeepsEveryObjectInOrder() throws Exception {
        List<StixObject> objects = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            objects.add(TestObjects.indicator("split", i, i % 7 * 50));
        }
        long max = 2_000;
        List<StixObject> tooLarge = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        EnvelopeSplitter splitter = new EnvelopeSplitter(objects.iterator(), max, tooLarge::add);
        int envelopes = 0;
        while (splitter.hasNext()) {
            EnvelopeSplitter.Envelope e = splitter.next();
            envelopes++;
            assertThat(e.body().length).isLessThanOrEqualTo((int) max);
            JsonNode parsed = Stix.mapper().readTree(e.body());
            assertThat(parsed.get("objects")).hasSize(e.objects().size());
            parsed.get("objects").forEach(o -> ids.add(o.get("id").asText()));
        }
        assertThat(tooLarge).isEmpty();
        assertThat(envelopes).isGreaterThan(10);
        assertThat(ids).containsExactlyElementsOf(objects.stream().map(StixObject::id).toList());
    }

    @Test
    void anObjectLargerThanAnyEnvelopeIsReportedAndTheOthersStillGo() {
        StixObject huge = TestObjects.indicator("huge", 1, 5_000);
        List<StixObject> objects = List.of(TestObjects.indicator("a", 1, 0), huge, TestObjects.indicator("a", 2, 0));
        List<StixObject> tooLarge = new ArrayList<>();
        EnvelopeSplitter splitter = new EnvelopeSplitter(objects.iterator(), 3_000, tooLarge::add);
        List<StixObject> sent = new ArrayList<>();
        splitter.forEachRemaining(e -> sent.addAll(e.objects()));
        assertThat(tooLarge).containsExactly(huge);
        assertThat(sent).containsExactly(objects.get(0), objects.get(2));
    }

    @Test
    void anObjectThatExactlyFillsAnEnvelopeFits() {
        StixObject o = TestObjects.indicator("exact", 1, 100);
        long exact = o.json().length + EnvelopeSplitter.OVERHEAD;
        List<StixObject> tooLarge = new ArrayList<>();
        EnvelopeSplitter splitter = new EnvelopeSplitter(List.of(o).iterator(), exact, tooLarge::add);
        assertThat(splitter.next().body()).hasSize((int) exact);
        assertThat(tooLarge).isEmpty();
        assertThat(new EnvelopeSplitter(List.of(o).iterator(), exact - 1, tooLarge::add).hasNext()).isFalse();
        assertThat(tooLarge).containsExactly(o);
    }
}
