/**
 * The embedded TAXII 2.1 server: every endpoint of the spec on Apache CXF JAX-RS (undertow
 * transport), HTTP Basic (PBKDF2 hashes) and Bearer tokens (SHA-256 hashes) with per-collection
 * read/write rights, optional TLS, storage in {@link io.ctiflow.taxii.store.TaxiiStore}.
 *
 * <p>Starting one in a test (port 0: a free port on 127.0.0.1):
 * <pre>{@code
 * UUID collection = UUID.randomUUID();
 * TaxiiServerConfig config = TaxiiServerConfig.of(StoreSettings.h2File(tempDir.resolve("taxii")),
 *         List.of(new ApiRootConfig("api1", "API root one", null,
 *                 List.of(CollectionConfig.of(collection, "Indicators", Set.of("alice"), Set.of("alice"))))),
 *         List.of(new UserConfig("alice", Passwords.hash("alice-pw".toCharArray(), 1000), null),
 *                 new UserConfig("publisher", null, ApiTokens.hash("a-long-random-token"))));
 * try (TaxiiServer server = TaxiiServer.start(config)) {
 *     server.discoveryUrl();                                  // http://127.0.0.1:<port>/taxii2/
 *     server.collectionUrl("api1", collection) + "objects/";  // POST envelopes here, GET pages
 * }
 * }</pre>
 * {@code config.withTls(new TlsSettings(p12, password))} serves HTTPS; {@code withMaxContentLength(n)}
 * lowers the POST limit; {@link io.ctiflow.taxii.server.TaxiiServerConfigLoader} reads the YAML form.
 */
package io.ctiflow.taxii.server;
