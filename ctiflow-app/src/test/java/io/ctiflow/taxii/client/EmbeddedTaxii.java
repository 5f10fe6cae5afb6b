package io.ctiflow.taxii.client;

import io.ctiflow.taxii.server.ApiRootConfig;
import io.ctiflow.taxii.server.ApiTokens;
import io.ctiflow.taxii.server.CollectionConfig;
import io.ctiflow.taxii.server.Passwords;
import io.ctiflow.taxii.server.TaxiiServer;
import io.ctiflow.taxii.server.TaxiiServerConfig;
import io.ctiflow.taxii.server.UserConfig;
import io.ctiflow.taxii.store.StoreSettings;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The real embedded TAXII 2.1 server (branch taxii-server) on 127.0.0.1 and a free port, with an H2
 * store in a test folder: API root {@code ctiflow} with the collections "Indicators" (alice writes
 * and reads, bob reads, the token user writes and reads) and "Other"; API root {@code second} with
 * one collection (for discovery).
 */
final class EmbeddedTaxii implements AutoCloseable {

    static final String ALICE = "alice";
    static final String ALICE_PASSWORD = "alicePw7f3a9c2e";
    static final String BOB = "bob";
    static final String BOB_PASSWORD = "bobPw51d0e8aa";
    static final String TOKEN = "tok3n9b8c7d6e5f4a3b2c1d0";
    static final UUID INDICATORS = UUID.fromString("6b1a7c2e-1f4d-4b8e-9a3c-2d5e6f7a8b90");
    static final UUID OTHER = UUID.fromString("0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f");
    static final UUID SECOND = UUID.fromString("f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9");

    private final TaxiiServer server;

    private EmbeddedTaxii(TaxiiServer server) {
        this.server = server;
    }

    static EmbeddedTaxii start(Path dir) {
        return start(dir, 0);
    }

    /** maxContentLength 0: the server's default. */
    static EmbeddedTaxii start(Path dir, long maxContentLength) {
        List<UserConfig> users = List.of(
                new UserConfig(ALICE, Passwords.hash(ALICE_PASSWORD.toCharArray(), 1000), null),
                new UserConfig(BOB, Passwords.hash(BOB_PASSWORD.toCharArray(), 1000), null),
                new UserConfig("robot", null, ApiTokens.hash(TOKEN)));
        ApiRootConfig root = new ApiRootConfig("ctiflow", "ctiflow", null, List.of(
                CollectionConfig.of(INDICATORS, "Indicators", Set.of(ALICE, BOB, "robot"), Set.of(ALICE, "robot")),
                CollectionConfig.of(OTHER, "Other", Set.of(ALICE), Set.of(ALICE))));
        ApiRootConfig second = new ApiRootConfig("second", "second", null, List.of(
                CollectionConfig.of(SECOND, "Second", Set.of(ALICE), Set.of(ALICE))));
        TaxiiServerConfig config = TaxiiServerConfig.of(StoreSettings.h2File(dir.resolve("taxii")),
                List.of(root, second), users);
        if (maxContentLength > 0) {
            config = config.withMaxContentLength(maxContentLength);
        }
        return new EmbeddedTaxii(TaxiiServer.start(config));
    }

    URI base() {
        return URI.create(server.baseUrl());
    }

    String discoveryUrl() {
        return server.discoveryUrl();
    }

    String apiRootUrl() {
        return server.apiRootUrl("ctiflow");
    }

    String collectionUrl() {
        return server.collectionUrl("ctiflow", INDICATORS);
    }

    /** A taxii: URI for alice on the given URL, with short retries, plus extra options ("a=b&c=d"). */
    static String uri(String name, String url, String extra) {
        return "taxii:" + name + "?url=" + url + "&username=" + ALICE + "&password=" + ALICE_PASSWORD
                + "&backoff=10&maxRetries=2&statusInterval=20" + (extra == null || extra.isEmpty() ? "" : "&" + extra);
    }

    /** A client configuration for alice (tests that use the client without Camel). */
    static TaxiiConfiguration alice(String url) {
        TaxiiConfiguration c = new TaxiiConfiguration();
        c.setUrl(url);
        c.setUsername(ALICE);
        c.setPassword(ALICE_PASSWORD);
        c.setBackoff(10);
        c.setMaxRetries(2);
        c.setStatusInterval(20);
        return c;
    }

    @Override
    public void close() {
        server.close();
    }
}
