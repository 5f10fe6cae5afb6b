package io.ctiflow.taxii.server;

import io.ctiflow.taxii.store.StoreSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTTPS with a PKCS12 keystore (made by the JDK's keytool for 127.0.0.1); plain HTTP to it fails. */
class TaxiiTlsTest {

    private static final String PASSWORD = "keystore-pw";

    @TempDir
    Path dir;

    @Test
    void servesHttpsWithTheConfiguredKeystore() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "taxii", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();

        TaxiiServerConfig config = TaxiiTestServer.config(StoreSettings.h2File(dir.resolve("taxii")), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID()).withTls(new TlsSettings(keystore, PASSWORD));
        try (TaxiiServer server = TaxiiServer.start(config)) {
            assertThat(server.baseUrl()).startsWith("https://127.0.0.1:");
            TaxiiHttp https = TaxiiHttp.withTls(trusting(keystore));
            TaxiiHttp.Answer discovery = https.get(server.discoveryUrl(), TaxiiTestServer.ALICE);
            assertThat(discovery.status()).isEqualTo(200);
            assertThat(discovery.json().path("default").asText()).startsWith("https://");
            String plain = server.discoveryUrl().replace("https://", "http://");
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(plain)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aWrongKeystorePasswordFailsTheStart() throws Exception {
        Path keystore = dir.resolve("empty.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var out = Files.newOutputStream(keystore)) {
            ks.store(out, "right".toCharArray());
        }
        TaxiiServerConfig config = TaxiiTestServer.config(StoreSettings.h2File(dir.resolve("taxii2")), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID()).withTls(new TlsSettings(keystore, "wrong"));
        assertThatThrownBy(() -> TaxiiServer.start(config)).hasMessageContaining("cannot read the TLS keystore");
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }
}
