package io.ctiflow.taxii.server;

import io.ctiflow.taxii.store.StoreSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
/**
 * A real TAXII server for tests, on 127.0.0.1 and a free port, with one API root {@code api1} and
 * three collections: {@code shared} (alice reads and writes, bob reads, the token user feeder only
 * writes), {@code secret} (alice only) and {@code open} (anonymous read, alice writes).
 */
final class TaxiiTestServer implements AutoCloseable {

    static final String ROOT = "api1";
    static final String ALICE = basic("alice", "alice-pw");
    static final String BOB = basic("bob", "bob-pw");
    static final String FEEDER_TOKEN = "feeder-token-0123456789abcdef0123456789";
    static final String FEEDER = "Bearer " + FEEDER_TOKEN;

    final UUID shared;
    final UUID secret;
    final UUID open;
    final StoreSettings store;
    final TaxiiServer server;
    final TaxiiHttp http;

    private TaxiiTestServer(StoreSettings store, UUID shared, UUID secret, UUID open, TaxiiServerConfig config) {
        this.store = store;
        this.shared = shared;
        this.secret = secret;
        this.open = open;
        this.server = TaxiiServer.start(config);
        this.http = new TaxiiHttp();
    }

    static TaxiiTestServer start(TaxiiBackend backend, Path dir) {
        return start(backend.store(dir), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 0);
    }

    /** Same store and collection ids as {@code before}: a restart. */
    static TaxiiTestServer restart(TaxiiTestServer before) {
        return start(before.store, before.shared, before.secret, before.open, 0);
    }

    static TaxiiTestServer start(StoreSettings store, UUID shared, UUID secret, UUID open, long maxContentLength) {
        return new TaxiiTestServer(store, shared, secret, open, config(store, shared, secret, open).withMaxContentLength(maxContentLength));
    }

    static TaxiiServerConfig config(StoreSettings store, UUID shared, UUID secret, UUID open) {
        // few iterations: tests check the hash format and the check, not its cost
        List<UserConfig> users = List.of(
                new UserConfig("alice", Passwords.hash("alice-pw".toCharArray(), 1000), null),
                new UserConfig("bob", Passwords.hash("bob-pw".toCharArray(), 1000), null),
                new UserConfig("feeder", null, ApiTokens.hash(FEEDER_TOKEN)));
        List<CollectionConfig> collections = List.of(
                new CollectionConfig(shared, "Shared indicators", "alice and bob", null, Set.of("alice", "bob"), Set.of("alice", "feeder"), false),
                CollectionConfig.of(secret, "Secret", Set.of("alice"), Set.of("alice")),
                new CollectionConfig(open, "Open", null, null, Set.of(), Set.of("alice"), true));
        return TaxiiServerConfig.of(store, List.of(new ApiRootConfig(ROOT, "API root one", null, collections)), users);
    }

    String objects(UUID collection) {
        return server.collectionUrl(ROOT, collection) + "objects/";
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
