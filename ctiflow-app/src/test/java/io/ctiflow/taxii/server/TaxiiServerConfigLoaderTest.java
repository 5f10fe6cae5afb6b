package io.ctiflow.taxii.server;

import io.ctiflow.taxii.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped example loads with its placeholders filled; broken files fail naming file and key, never printing secrets. */
class TaxiiServerConfigLoaderTest {

    private static final StoreSettings DEFAULT_STORE = new StoreSettings("jdbc:h2:mem:default", "sa", "");
    private final String hash = Passwords.hash("pw".toCharArray(), 1000);
    private final String tokenHash = ApiTokens.hash("token");

    @TempDir
    Path dir;

    @Test
    void theShippedExampleLoadsWithItsEnvironment() {
        TaxiiServerConfig c = TaxiiServerConfigLoader.load(Path.of("config/taxii-server.yaml"), DEFAULT_STORE,
                Map.of("CTIFLOW_TAXII_ANALYST_HASH", hash, "CTIFLOW_TAXII_PUBLISHER_TOKEN_HASH", tokenHash)::get);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(9500);
        assertThat(c.store()).isEqualTo(DEFAULT_STORE);
        assertThat(c.users()).extracting(UserConfig::name).containsExactly("analyst", "publisher");
        CollectionConfig indicators = c.apiRoots().get(0).collections().get(0);
        assertThat(indicators.canWrite(new Caller("publisher"))).isTrue();
        assertThat(indicators.canWrite(new Caller("analyst"))).isFalse();
        assertThat(indicators.canRead(Caller.ANONYMOUS)).isFalse();
    }

    @Test
    void placeholdersFillStoreSettingsAndDefaultsApply() throws IOException {
        Path file = write("""
                store: {url: "jdbc:postgresql://127.0.0.1:5432/cti", user: cti, password: "${env:DB_PW}"}
                users: [{name: a, password_hash: "${env:A_HASH}"}]
                api_roots: [{path: r, title: R, collections: [{id: 0f0e3a43-68d7-4b8c-9a39-5a6f0b2cfd51, title: C, can_read: [a]}]}]
                server: {port: "${env:PORT:9600}"}
                """);
        TaxiiServerConfig c = TaxiiServerConfigLoader.load(file, DEFAULT_STORE, Map.of("DB_PW", "pg-secret", "A_HASH", hash)::get);
        assertThat(c.store().password()).isEqualTo("pg-secret");
        assertThat(c.store().toString()).doesNotContain("pg-secret");
        assertThat(c.port()).isEqualTo(9600);
    }

    @Test
    void problemsNameFileAndKey() throws IOException {
        String users = "users: [{name: a, password_hash: \"" + hash + "\"}]\n";
        expect(users + "api_roots: [{path: r, title: R, collections: [{id: nope, title: C}]}]", "api_roots[0].collections[0].id: not a UUID: 'nope'");
        expect(users + "api_roots: [{path: r, title: R, colections: []}]", "api_roots[0].colections: unknown key");
        expect(users + "api_roots: [{path: r, title: R, collections: [{id: 0f0e3a43-68d7-4b8c-9a39-5a6f0b2cfd51, title: C, can_read: [zed]}]}]",
                "unknown user zed");
        expect("users: [{name: a, password_hash: \"${env:MISSING}\"}]\napi_roots: [{path: r, title: R}]",
                "users[0].password_hash: environment variable MISSING is not set");
        expect("users: [{name: a, password_hash: plaintext-password}]\napi_roots: [{path: r, title: R}]", "users[0]: not a password hash");
        expect(users + "api_roots: []", "api_roots: at least one api root is required");
        expect(users + "server: {port: lots}\napi_roots: [{path: r, title: R}]", "server.port: not a number");
        expect(users + "store: {url: \"jdbc:mysql://x\"}\napi_roots: [{path: r, title: R}]", "store.url: store url must be");
    }

    @Test
    void errorsNeverEchoAWrongHashValue() throws IOException {
        Path file = write("users: [{name: a, password_hash: \"my-secret-password\"}]\napi_roots: [{path: r, title: R}]");
        assertThatThrownBy(() -> TaxiiServerConfigLoader.load(file, DEFAULT_STORE, k -> null)).message().doesNotContain("my-secret-password");
    }

    private void expect(String yaml, String message) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> TaxiiServerConfigLoader.load(file, DEFAULT_STORE, k -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(file + ": ").hasMessageContaining(message);
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "taxii", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
