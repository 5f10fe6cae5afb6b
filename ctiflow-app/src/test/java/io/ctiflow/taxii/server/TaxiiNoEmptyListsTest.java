package io.ctiflow.taxii.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.taxii.store.StoreSettings;
import io.ctiflow.taxii.store.TaxiiStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.ctiflow.taxii.server.TaxiiTestServer.basic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TAXII 2.1 prohibits empty lists: a list property with nothing in it is left out. Walks every
 * resource the real server serves (discovery, API root, collections with and without any, a
 * collection, objects, one object, versions, manifest of an empty and a full collection, statuses
 * with only successes and with failures, errors) and finds no empty JSON array in any answer.
 */
class TaxiiNoEmptyListsTest {

    private static final String ROOT = "api1";
    private static final String ALICE = basic("alice", "alice-pw");
    private static final String FEEDER_TOKEN = "feeder-token-0123456789abcdef0123456789";
    private static final String FEEDER = "Bearer " + FEEDER_TOKEN;
    private static final UUID FULL = UUID.randomUUID();
    private static final UUID EMPTY = UUID.randomUUID();

    @TempDir
    Path dir;

    private StoreSettings store;
    private TaxiiServer server;
    private final TaxiiHttp http = new TaxiiHttp();
    /** Every answer body seen, by the request that got it. */
    private final List<Map.Entry<String, JsonNode>> answers = new ArrayList<>();

    @BeforeEach
    void start() {
        store = StoreSettings.h2File(dir.resolve("taxii"));
        server = start(store);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** alice reads and writes both collections; feeder only writes the empty one, so it lists none. */
    private static TaxiiServer start(StoreSettings store) {
        List<UserConfig> users = List.of(new UserConfig("alice", Passwords.hash("alice-pw".toCharArray(), 1000), null),
                new UserConfig("feeder", null, ApiTokens.hash(FEEDER_TOKEN)));
        List<CollectionConfig> collections = List.of(
                CollectionConfig.of(FULL, "Full", Set.of("alice"), Set.of("alice")),
                CollectionConfig.of(EMPTY, "Empty", Set.of("alice"), Set.of("alice", "feeder")));
        return TaxiiServer.start(TaxiiServerConfig.of(store, List.of(new ApiRootConfig(ROOT, "API root one", null, collections)), users));
    }

    private JsonNode get(String url, String authorization) {
        TaxiiHttp.Answer a = http.get(url, authorization);
        answers.add(Map.entry("GET " + url, a.json()));
        return a.json();
    }

    private JsonNode post(UUID collection, String authorization, String envelope) {
        TaxiiHttp.Answer a = http.post(objects(collection), authorization, envelope);
        assertThat(a.status()).isEqualTo(202);
        answers.add(Map.entry("POST " + objects(collection), a.json()));
        return a.json();
    }

    private String objects(UUID collection) {
        return server.collectionUrl(ROOT, collection) + "objects/";
    }

    private String status(JsonNode posted) {
        return server.apiRootUrl(ROOT) + "status/" + posted.path("id").asText() + "/";
    }

    @Test
    void noAnswerOfTheServerHasAnEmptyList() {
        String failing = "indicator--" + new UUID(0x77L, 1);
        JsonNode allGood = post(FULL, ALICE, StixFixtures.indicators(0, 3));
        JsonNode someFailed = post(FULL, ALICE, StixFixtures.envelope(StixFixtures.indicator(StixFixtures.newIndicatorId(),
                "2024-02-01T00:00:00.000Z"), StixFixtures.indicator(failing, "2024-02-01T00:00:00.000Z").replace("\"2.1\"", "\"2.0\"")));

        get(server.discoveryUrl(), ALICE);
        get(server.apiRootUrl(ROOT), ALICE);
        JsonNode listed = get(server.apiRootUrl(ROOT) + "collections/", ALICE);
        JsonNode noneListed = get(server.apiRootUrl(ROOT) + "collections/", FEEDER);
        get(server.collectionUrl(ROOT, FULL), ALICE);
        get(server.collectionUrl(ROOT, EMPTY), ALICE);
        JsonNode page1 = get(objects(FULL) + "?limit=2", ALICE);
        get(objects(FULL) + "?limit=2&next=" + page1.path("next").asText(), ALICE);
        JsonNode noObjects = get(objects(EMPTY), ALICE);
        JsonNode noneMatch = get(objects(FULL) + "?match[type]=malware", ALICE);
        String one = "indicator--" + new UUID(0x1234L, 0);
        get(objects(FULL) + one + "/", ALICE);
        get(objects(FULL) + one + "/versions/", ALICE);
        get(server.collectionUrl(ROOT, FULL) + "manifest/", ALICE);
        JsonNode noManifest = get(server.collectionUrl(ROOT, EMPTY) + "manifest/", ALICE);
        JsonNode allGoodStatus = get(status(allGood), ALICE);
        JsonNode someFailedStatus = get(status(someFailed), ALICE);
        get(server.apiRootUrl(ROOT) + "status/" + UUID.randomUUID() + "/", ALICE);

        assertThat(answers).hasSize(19).allSatisfy(a -> assertThat(emptyArrays(a.getValue(), "$"))
                .as("empty lists in the answer to %s: %s", a.getKey(), a.getValue()).isEmpty());
        // and what is there is right: the lists that have something are present, the counts stay
        assertThat(listed.path("collections")).hasSize(2);
        assertThat(noneListed.toString()).isEqualTo("{}");
        assertThat(page1.path("objects")).hasSize(2);
        assertThat(noObjects.toString()).isEqualTo("{\"more\":false}");
        assertThat(noneMatch.toString()).isEqualTo("{\"more\":false}");
        assertThat(noManifest.toString()).isEqualTo("{\"more\":false}");
        assertThat(allGoodStatus.path("successes")).hasSize(3);
        assertThat(allGoodStatus.path("failure_count").asInt()).isZero();
        assertThat(allGoodStatus.path("pending_count").asInt()).isZero();
        assertThat(allGoodStatus.has("failures")).isFalse();
        assertThat(someFailedStatus.path("successes")).hasSize(1);
        assertThat(someFailedStatus.path("failures")).hasSize(1).first()
                .satisfies(f -> assertThat(f.path("id").asText()).isEqualTo(failing));
        assertThat(someFailedStatus.has("pendings")).isFalse();
    }

    @Test
    void aStatusStoredWithEmptyListsByAnEarlierVersionIsServedWithoutThem() {
        server.close();
        String id = UUID.randomUUID().toString();
        try (TaxiiStore old = TaxiiStore.open(store)) {
            old.saveStatus(id, ROOT, "alice", 1_700_000_000_000_000L, "{\"id\":\"" + id + "\",\"status\":\"complete\","
                    + "\"request_timestamp\":\"2023-11-14T22:13:20.000000Z\",\"total_count\":1,\"success_count\":1,"
                    + "\"successes\":[{\"id\":\"indicator--" + new UUID(1, 1) + "\",\"version\":\"2024-01-01T00:00:00.000Z\"}],"
                    + "\"failure_count\":0,\"failures\":[],\"pending_count\":0,\"pendings\":[]}");
        }
        server = start(store);

        JsonNode status = get(server.apiRootUrl(ROOT) + "status/" + id + "/", ALICE);

        assertThat(emptyArrays(status, "$")).isEmpty();
        assertThat(status.path("successes")).hasSize(1);
        assertThat(status.path("failure_count").asInt()).isZero();
        assertThat(status.has("failures")).isFalse();
        assertThat(status.has("pendings")).isFalse();
    }

    /** JSON paths of every empty array in {@code node}. */
    private static List<String> emptyArrays(JsonNode node, String path) {
        List<String> found = new ArrayList<>();
        if (node.isArray()) {
            if (node.isEmpty()) {
                found.add(path);
            }
            for (int i = 0; i < node.size(); i++) {
                found.addAll(emptyArrays(node.get(i), path + "[" + i + "]"));
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> found.addAll(emptyArrays(e.getValue(), path + "." + e.getKey())));
        }
        return found;
    }
}
