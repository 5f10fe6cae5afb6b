package io.ctiflow.taxii.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.ctiflow.taxii.server.TaxiiTestServer.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 objects in ten envelopes (each envelope's 1,000 objects share one date_added): paged with
 * next at a page size that cuts across envelopes, and polled with added_after, every object is
 * seen exactly once and in add order.
 */
class TaxiiPaginationTest extends TaxiiServerTestBase {

    @Test
    void tenThousandObjectsEachSeenOnceViaNextAndViaAddedAfter() {
        String objects = taxii.objects(taxii.secret);
        List<String> posted = new ArrayList<>();
        List<String> polled = new ArrayList<>();
        String addedAfter = null;
        for (int envelope = 0; envelope < 10; envelope++) {
            TaxiiHttp.Answer status = http().post(objects, ALICE, StixFixtures.indicators(envelope * 1000, 1000));
            assertThat(status.json().path("success_count").asInt()).isEqualTo(1000);
            status.json().path("successes").forEach(s -> posted.add(s.path("id").asText()));
            // a poller's view: only what came since its last poll, found by X-TAXII-Date-Added-Last
            TaxiiHttp.Answer poll = http().get(objects + (addedAfter == null ? "" : "?added_after=" + addedAfter), ALICE);
            assertThat(poll.json().path("more").asBoolean()).isFalse();
            polled.addAll(ids(poll.json()));
            assertThat(poll.header("X-TAXII-Date-Added-First")).isEqualTo(poll.header("X-TAXII-Date-Added-Last"));
            addedAfter = poll.header("X-TAXII-Date-Added-Last");
        }
        assertThat(polled).hasSize(10_000).containsExactlyElementsOf(posted);
        assertThat(http().get(objects + "?added_after=" + addedAfter, ALICE).json().has("objects")).isFalse();

        List<String> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            TaxiiHttp.Answer page = http().get(objects + "?limit=777" + (next == null ? "" : "&next=" + next), ALICE);
            assertThat(page.status()).isEqualTo(200);
            JsonNode json = page.json();
            paged.addAll(ids(json));
            next = json.path("more").asBoolean() ? json.path("next").asText() : null;
            pages++;
        } while (next != null);
        assertThat(pages).isEqualTo(13);
        Set<String> unique = new HashSet<>(paged);
        assertThat(unique).hasSize(10_000);
        assertThat(paged).containsExactlyElementsOf(posted);

        List<String> manifest = new ArrayList<>();
        next = null;
        do {
            JsonNode page = http().get(taxii.server.collectionUrl(TaxiiTestServer.ROOT, taxii.secret) + "manifest/?limit=3000"
                    + (next == null ? "" : "&next=" + next), ALICE).json();
            manifest.addAll(ids(page));
            next = page.path("more").asBoolean() ? page.path("next").asText() : null;
        } while (next != null);
        assertThat(manifest).containsExactlyElementsOf(posted);
    }

    @Test
    void objectsAddedWhilePagingComeAfterTheOnesAlreadyListed() {
        String objects = taxii.objects(taxii.open);
        http().post(objects, ALICE, StixFixtures.indicators(20_000, 30));
        JsonNode first = http().get(objects + "?limit=20", ALICE).json();
        http().post(objects, ALICE, StixFixtures.indicators(20_030, 5));
        JsonNode second = http().get(objects + "?limit=20&next=" + first.path("next").asText(), ALICE).json();
        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        assertThat(all).hasSize(35).doesNotHaveDuplicates();
        assertThat(second.path("more").asBoolean()).isFalse();
    }

    @Test
    void concurrentWritersNeverMakeAPagerSkipOrRepeat() throws Exception {
        String objects = taxii.objects(taxii.shared);
        List<String> seen = new ArrayList<>();
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int e = 0; e < 5; e++) {
                        assertThat(http().post(objects, ALICE, StixFixtures.indicators(100_000 + writer * 1000 + e * 200, 200)).status()).isEqualTo(202);
                    }
                }));
            }
            // a poller running beside the writers: next while more is true, then added_after the last date_added it saw
            String next = null;
            String lastAdded = null;
            while (true) {
                boolean writing = writers.stream().anyMatch(f -> !f.isDone());
                String query = next != null ? "&next=" + next : lastAdded != null ? "&added_after=" + lastAdded : "";
                TaxiiHttp.Answer page = http().get(objects + "?limit=150" + query, ALICE);
                JsonNode json = page.json();
                seen.addAll(ids(json));
                if (json.has("objects")) {
                    if (lastAdded != null) {
                        assertThat(page.header("X-TAXII-Date-Added-First")).isGreaterThanOrEqualTo(lastAdded);
                    }
                    lastAdded = page.header("X-TAXII-Date-Added-Last");
                }
                next = json.path("more").asBoolean() ? json.path("next").asText() : null;
                if (!writing && next == null) {
                    break;
                }
            }
            for (var f : writers) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(seen).hasSize(4000).doesNotHaveDuplicates();
    }

    private static List<String> ids(JsonNode envelope) {
        List<String> ids = new ArrayList<>();
        envelope.path("objects").forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }
}
