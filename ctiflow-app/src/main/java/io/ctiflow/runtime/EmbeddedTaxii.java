package io.ctiflow.runtime;

import io.ctiflow.policy.Destination;
import io.ctiflow.policy.Endpoint;
import io.ctiflow.policy.Policy;
import io.ctiflow.stix.StixIds;
import io.ctiflow.taxii.server.ApiRootConfig;
import io.ctiflow.taxii.server.ApiTokens;
import io.ctiflow.taxii.server.CollectionConfig;
import io.ctiflow.taxii.server.TaxiiServer;
import io.ctiflow.taxii.server.TaxiiServerConfig;
import io.ctiflow.taxii.server.UserConfig;
import io.ctiflow.taxii.store.StoreSettings;
import io.ctiflow.taxii.store.TaxiiStore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
/**
 * The embedded TAXII 2.1 server as part of a ctiflow run: API root {@code ctiflow} with one
 * collection per destination that has an {@code embedded-taxii} endpoint in policies/ (title = the
 * endpoint's collection, id derived from the destination so it never changes). The pipeline
 * publishes each destination's filtered bundles there with the {@code taxii:} producer, as the
 * internal user {@value #PUBLISHER} whose token exists only in this process. Readers: the
 * destination's own user when {@code CTIFLOW_TAXII_PASSWORD_HASH_<DESTINATION>} is set (reads its
 * collection only), and an administrator who reads every collection when a password hash is configured.
 */
public final class EmbeddedTaxii implements AutoCloseable {

    static final String PUBLISHER = "ctiflow-publisher";
    static final String API_ROOT = "ctiflow";

    private final TaxiiServer server;
    private final String publisherToken;
    private final Map<String, String> collections;

    private EmbeddedTaxii(TaxiiServer server, String publisherToken, Map<String, String> collections) {
        this.server = server;
        this.publisherToken = publisherToken;
        this.collections = collections;
    }

    /**
     * @param adminPasswordHash {@code pbkdf2$...} of the administrator, or null for none
     * @param environment       where destination password hashes are looked up
     */
    static EmbeddedTaxii start(Policy policy, StoreSettings store, String host, int port, String adminUser, String adminPasswordHash,
                               Function<String, String> environment) {
        String token = ApiTokens.newToken();
        List<UserConfig> users = new ArrayList<>();
        users.add(new UserConfig(PUBLISHER, null, ApiTokens.hash(token)));
        boolean admin = adminPasswordHash != null && !adminPasswordHash.isBlank();
        if (admin) {
            users.add(new UserConfig(adminUser, adminPasswordHash, null));
        }
        List<CollectionConfig> configs = new ArrayList<>();
        Map<String, String> collections = new LinkedHashMap<>();
        for (Destination d : policy.destinations()) {
            for (Endpoint e : d.endpoints()) {
                if (!e.kind().equals("embedded-taxii")) {
                    continue;
                }
                String title = e.collection() != null ? e.collection() : d.id();
                String hash = environment.apply("CTIFLOW_TAXII_PASSWORD_HASH_" + d.id().toUpperCase(Locale.ROOT).replace('-', '_'));
                // the publisher finds its collection by title, so it must see it listed
                Set<String> readers = new HashSet<>(Set.of(PUBLISHER));
                if (hash != null && !hash.isBlank()) {
                    users.add(new UserConfig(d.id(), hash, null));
                    readers.add(d.id());
                }
                if (admin) {
                    readers.add(adminUser);
                }
                configs.add(new CollectionConfig(collectionId(d.id()), title, "what " + d.name() + " may receive under the policies",
                        null, readers, Set.of(PUBLISHER), false));
                collections.put(d.id(), title);
            }
        }
        ApiRootConfig root = new ApiRootConfig(API_ROOT, "ctiflow", "per-destination views filtered by the jurisdiction policies", configs);
        TaxiiServer server = TaxiiServer.start(TaxiiServerConfig.of(store, List.of(root), users).withHost(host).withPort(port));
        return new EmbeddedTaxii(server, token, collections);
    }

    /** A destination's collection id: stable across restarts and installations. */
    static UUID collectionId(String destination) {
        return StixIds.uuid5(StixIds.CTIFLOW_NAMESPACE, "taxii-collection\u001f" + destination);
    }

    /** The store behind the collections: the pipeline writes its fan-out there directly ({@link EmbeddedCollections}). */
    TaxiiStore store() {
        return server.store();
    }

    /** The id (as the store knows it) of a destination's collection. */
    String collectionIdOf(String destination) {
        return collectionId(destination).toString();
    }

    public String discoveryUrl() {
        return server.discoveryUrl();
    }

    public String apiRootUrl() {
        return server.apiRootUrl(API_ROOT);
    }

    String publisherToken() {
        return publisherToken;
    }

    /** destination id -> collection title */
    public Map<String, String> collections() {
        return collections;
    }

    @Override
    public void close() {
        server.close();
    }
}
