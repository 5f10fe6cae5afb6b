package io.ctiflow.taxii.store;

import io.ctiflow.db.Dialect;
import io.ctiflow.db.SchemaMigrator;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema V3: a body is stored once however many collections hold it, DELETE in one collection leaves the others
 * intact (and removes a body nobody references), and a store written by schema V1/V2 opens and serves the same
 * objects after the migration. On H2, and on PostgreSQL when CTIFLOW_TEST_POSTGRES_URL names one (each run in a
 * fresh schema there).
 */
class TaxiiStoreContentTest {

    @TempDir
    Path dir;

    private String url(String backend) throws SQLException {
        if (backend.equals("h2")) {
            return StoreSettings.h2File(dir.resolve("taxii")).url();
        }
        String pg = System.getenv("CTIFLOW_TEST_POSTGRES_URL");
        Assumptions.assumeTrue(pg != null && !pg.isBlank(), "PostgreSQL run skipped: CTIFLOW_TEST_POSTGRES_URL is not set");
        String schema = "content_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(pg, "", System.getenv("CTIFLOW_TEST_POSTGRES_PASSWORD"));
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static StoreSettings settings(String url) {
        return new StoreSettings(url, url.startsWith("jdbc:h2:") ? "sa" : null,
                url.startsWith("jdbc:h2:") ? "" : System.getenv("CTIFLOW_TEST_POSTGRES_PASSWORD"));
    }

    private static NewObject indicator(String id, String modified, String extra) {
        String json = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"" + modified + "\",\"pattern\":\"[ipv4-addr:value = '10.0.0.1']\"" + extra + "}";
        return new NewObject(id, "indicator", TaxiiTime.parse(modified), "2.1", json.getBytes(StandardCharsets.UTF_8));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> bodies(TaxiiStore store, String collection, VersionMatch versions) {
        List<String> out = new ArrayList<>();
        Page page = store.page(collection, new ObjectQuery(List.of(), List.of(), versions, List.of(), null, 1000, 0), true);
        page.objects().forEach(o -> out.add(new String(o.json(), StandardCharsets.UTF_8)));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void addAllWritesOneBodyPerVersionAndDeleteKeepsTheOtherCollections(String backend) throws Exception {
        String url = url(backend);
        List<String> collections = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        List<NewObject> objects = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            objects.add(indicator("indicator--" + UUID.randomUUID(), "2024-01-02T00:00:00.000Z", ""));
        }
        try (TaxiiStore store = TaxiiStore.open(settings(url))) {
            collections.forEach(store::ensureCollection);
            Map<String, List<NewObject>> batch = new LinkedHashMap<>();
            collections.forEach(c -> batch.put(c, objects));
            Map<String, AddResult> results = store.addAll(batch);
            results.values().forEach(r -> assertThat(r.newlyStored()).isEqualTo(50));
            // a second fan-out of the same versions is a success without new rows or bodies
            store.addAll(batch).values().forEach(r -> assertThat(r.newlyStored()).isZero());
            // the same object posted on its own to one collection again: still one body
            assertThat(store.add(collections.get(0), List.of(objects.get(0))).newlyStored()).isZero();
            try (Connection c = DriverManager.getConnection(url, settings(url).user(), settings(url).password())) {
                assertThat(count(c, "SELECT COUNT(*) FROM taxii_content")).isEqualTo(50);
                assertThat(count(c, "SELECT COUNT(*) FROM taxii_membership")).isEqualTo(150);
            }
            for (String collection : collections) {
                assertThat(bodies(store, collection, VersionMatch.ALL)).hasSize(50);
            }

            // DELETE in one collection: the others still serve the object, its body stays for them
            NewObject gone = objects.get(7);
            assertThat(store.delete(collections.get(0), gone.id(), VersionMatch.ALL, List.of())).isEqualTo(1);
            assertThat(bodies(store, collections.get(0), VersionMatch.ALL)).hasSize(49).doesNotContain(new String(gone.json(), StandardCharsets.UTF_8));
            for (String collection : collections.subList(1, 3)) {
                assertThat(bodies(store, collection, VersionMatch.ALL)).hasSize(50).contains(new String(gone.json(), StandardCharsets.UTF_8));
                assertThat(store.page(collection, new ObjectQuery(List.of(gone.id()), List.of(), VersionMatch.LAST, List.of(), null, 10, 0), false)
                        .objects()).hasSize(1);
            }
            // deleted everywhere: no collection references the body, so it is removed
            store.delete(collections.get(1), gone.id(), VersionMatch.ALL, List.of());
            store.delete(collections.get(2), gone.id(), VersionMatch.ALL, List.of());
            try (Connection c = DriverManager.getConnection(url, settings(url).user(), settings(url).password())) {
                assertThat(count(c, "SELECT COUNT(*) FROM taxii_content")).isEqualTo(49);
            }
            // and it can be stored again afterwards
            assertThat(store.add(collections.get(2), List.of(gone)).newlyStored()).isEqualTo(1);
            assertThat(bodies(store, collections.get(2), VersionMatch.LAST)).hasSize(50);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void eachCollectionServesItsOwnVariantAndItsOwnLatest(String backend) throws Exception {
        String url = url(backend);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String id = "indicator--" + UUID.randomUUID();
        // the jurisdiction filter sends different bytes of one version to different destinations
        NewObject full = indicator(id, "2024-01-02T00:00:00.000Z", ",\"x_source\":\"partner\"");
        NewObject stripped = indicator(id, "2024-01-02T00:00:00.000Z", "");
        NewObject newer = indicator(id, "2024-03-01T00:00:00.000Z", "");
        try (TaxiiStore store = TaxiiStore.open(settings(url))) {
            store.ensureCollection(a);
            store.ensureCollection(b);
            store.addAll(Map.of(a, List.of(full), b, List.of(stripped)));
            assertThat(bodies(store, a, VersionMatch.LAST)).containsExactly(new String(full.json(), StandardCharsets.UTF_8));
            assertThat(bodies(store, b, VersionMatch.LAST)).containsExactly(new String(stripped.json(), StandardCharsets.UTF_8));
            // a newer version in b only: b's latest moves, a's does not
            store.addAll(Map.of(b, List.of(newer)));
            assertThat(bodies(store, a, VersionMatch.LAST)).containsExactly(new String(full.json(), StandardCharsets.UTF_8));
            assertThat(bodies(store, b, VersionMatch.LAST)).containsExactly(new String(newer.json(), StandardCharsets.UTF_8));
            assertThat(bodies(store, b, VersionMatch.parse(List.of("first")))).containsExactly(new String(stripped.json(), StandardCharsets.UTF_8));
            assertThat(bodies(store, b, VersionMatch.ALL)).hasSize(2);
            // deleting the newest version in b makes the first the latest again
            assertThat(store.delete(b, id, VersionMatch.LAST, List.of())).isEqualTo(1);
            assertThat(bodies(store, b, VersionMatch.LAST)).containsExactly(new String(stripped.json(), StandardCharsets.UTF_8));
        }
    }

    /** A store written by schema V1+V2 (scripts run by hand, rows inserted as the old code did) opens and serves the same objects. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aVersionTwoStoreIsCarriedOver(String backend) throws Exception {
        String url = url(backend);
        StoreSettings settings = settings(url);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String id1 = "indicator--" + UUID.randomUUID();
        String id2 = "malware--" + UUID.randomUUID();
        NewObject v1 = indicator(id1, "2024-01-02T00:00:00.000Z", "");
        NewObject v2 = indicator(id1, "2024-02-02T00:00:00.000Z", "");
        NewObject other = new NewObject(id2, "malware", TaxiiTime.NO_VERSION, "2.1",
                ("{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"" + id2 + "\",\"name\":\"x\"}").getBytes(StandardCharsets.UTF_8));
        try (Connection c = DriverManager.getConnection(url, settings.user(), settings.password())) {
            SchemaMigrator.migrate(c, "taxii", Dialect.of(url), TaxiiStore.SCRIPTS.subList(0, 2));
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO taxii_collection_state VALUES ('" + a + "', 300, 3)");
                s.execute("INSERT INTO taxii_collection_state VALUES ('" + b + "', 400, 2)");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO taxii_object (collection_id, object_id, version, seq, date_added, "
                    + "object_type, spec_version, latest, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Object[][] rows = {{a, v1, 1, 100, false}, {a, v2, 2, 200, true}, {a, other, 3, 300, true}, {b, v1, 1, 400, true}, {b, other, 2, 400, true}};
                for (Object[] r : rows) {
                    NewObject o = (NewObject) r[1];
                    p.setString(1, (String) r[0]);
                    p.setString(2, o.id());
                    p.setLong(3, o.version());
                    p.setLong(4, (Integer) r[2]);
                    p.setLong(5, (Integer) r[3]);
                    p.setString(6, o.type());
                    p.setString(7, o.specVersion());
                    p.setBoolean(8, (Boolean) r[4]);
                    p.setBytes(9, o.json());
                    p.executeUpdate();
                }
            }
        }
        try (TaxiiStore store = TaxiiStore.open(settings)) {
            assertThat(bodies(store, a, VersionMatch.ALL)).containsExactly(new String(v1.json(), StandardCharsets.UTF_8),
                    new String(v2.json(), StandardCharsets.UTF_8), new String(other.json(), StandardCharsets.UTF_8));
            assertThat(bodies(store, a, VersionMatch.LAST)).containsExactly(new String(v2.json(), StandardCharsets.UTF_8),
                    new String(other.json(), StandardCharsets.UTF_8));
            Page manifest = store.page(a, new ObjectQuery(List.of(id1), List.of(), VersionMatch.ALL, List.of(), null, 10, 0), false);
            assertThat(manifest.objects()).extracting(StoredObject::id, StoredObject::version, StoredObject::dateAdded, StoredObject::seq)
                    .containsExactly(Tuple.tuple(id1, v1.version(), 100L, 1L),
                            Tuple.tuple(id1, v2.version(), 200L, 2L));
            assertThat(bodies(store, b, VersionMatch.ALL)).containsExactly(new String(v1.json(), StandardCharsets.UTF_8),
                    new String(other.json(), StandardCharsets.UTF_8));
            // the migrated keys are the ones the code computes: re-posting finds them, a new version continues the seq
            assertThat(store.add(b, List.of(v1, other)).newlyStored()).isZero();
            AddResult r = store.add(b, List.of(v2));
            assertThat(r.newlyStored()).isEqualTo(1);
            Page bAll = store.page(b, new ObjectQuery(List.of(), List.of(), VersionMatch.ALL, List.of(), null, 10, 0), false);
            assertThat(bAll.objects()).extracting(StoredObject::seq).containsExactly(1L, 2L, 3L);
            assertThat(bAll.objects().get(2).dateAdded()).isGreaterThan(400L);
            assertThat(bodies(store, b, VersionMatch.LAST)).containsExactly(new String(other.json(), StandardCharsets.UTF_8),
                    new String(v2.json(), StandardCharsets.UTF_8));
            try (Connection c = DriverManager.getConnection(url, settings.user(), settings.password())) {
                assertThat(count(c, "SELECT COUNT(*) FROM taxii_content")).isEqualTo(3); // v1 and other were shared by a and b
            }
        }
    }
}
