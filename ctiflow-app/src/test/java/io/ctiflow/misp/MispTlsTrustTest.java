package io.ctiflow.misp;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.ctiflow.testing.PollingConsumerTestSupport;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import static io.ctiflow.misp.MispMessages.received;
import static io.ctiflow.misp.MispMessages.uuids;
import static io.ctiflow.misp.MispSamples.XORIST;
import static io.ctiflow.misp.MispSamples.goodKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTTPS with a self-signed server certificate made by keytool: trusted through a trust store, or not at all. */
class MispTlsTrustTest extends PollingConsumerTestSupport {

    @TempDir
    Path dir;

    private HttpsServer server;
    private Path trustStore;

    @Override
    protected void setupResources() throws Exception {
        Path serverStore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "misp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", serverStore.toString(), "-storepass", "server-pass", "-keypass", "server-pass");
        keytool("-exportcert", "-rfc", "-alias", "misp", "-keystore", serverStore.toString(),
                "-storepass", "server-pass", "-file", dir.resolve("server.pem").toString());
        trustStore = dir.resolve("trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "misp", "-file", dir.resolve("server.pem").toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", "trust-pass");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverStore)) {
            keys.load(in, "server-pass".toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "server-pass".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);

        byte[] answer = ("{\"response\":[" + MispTestServer.sample("circl-ransomware-xorist-small") + "]}")
                .getBytes(StandardCharsets.UTF_8);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/events/restSearch", http -> {
            try (http) {
                http.getRequestBody().transferTo(OutputStream.nullOutputStream());
                http.sendResponseHeaders(200, answer.length);
                http.getResponseBody().write(answer);
            }
        });
        server.start();
    }

    @Override
    protected void cleanupResources() {
        server.stop(0);
    }

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();
    }

    private String uri(String options) {
        return "misp:tls?url=https://127.0.0.1:" + server.getAddress().getPort() + "&apiKey={{misp.key}}"
                + "&checkpointDir=" + dir.resolve("state") + "&backoff=5&maxRetries=1&" + options;
    }

    @Test
    void aTrustStoreWithTheServerCertificateIsTrusted() throws Exception {
        withProperties(goodKey());
        MockEndpoint route = consume("route", uri("trustStore=" + trustStore + "&trustStorePassword=trust-pass"));
        assertThat(poll("route").messages()).isEqualTo(1);
        assertThat(uuids(route)).containsExactly(XORIST);
        assertThat(routeConsumer("route").getEndpoint().toString()).doesNotContain("trust-pass");
    }

    @Test
    void anUnknownCertificateIsRefusedUnlessTrustAllIsAskedFor() throws Exception {
        withProperties(goodKey());
        MockEndpoint strict = consume("strict", uri("trustAllCertificates=false"));
        assertThat(poll("strict").error()).isInstanceOf(MispUnavailableException.class)
                .hasMessageContaining("SSLHandshakeException");
        assertThat(received(strict)).isEmpty();
        stopAndRemove("strict"); // ctiflow stopped, started again with another configuration
        withProperties(goodKey());
        MockEndpoint trusting = consume("trusting", uri("trustAllCertificates=true"));
        assertThat(poll("trusting").messages()).isEqualTo(1);
    }
}
