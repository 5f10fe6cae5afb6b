package io.ctiflow.taxii.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transient failures between client and the real server (injected by the proxy) are retried; lasting ones fail clearly. */
class TaxiiRetriesTest {

    @TempDir
    Path dir;

    private EmbeddedTaxii server;
    private MisbehavingProxy proxy;

    @BeforeEach
    void start() throws Exception {
        server = EmbeddedTaxii.start(dir);
        proxy = MisbehavingProxy.in(server.base());
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.close();
    }

    private TaxiiConfiguration viaProxy() {
        return EmbeddedTaxii.alice(proxy.url(server.collectionUrl()));
    }

    @Test
    void tooManyRequestsIsRetriedAfterTheServersRetryAfter() {
        TaxiiClient client = new TaxiiClient(viaProxy());
        client.maxContentLength();
        proxy.failNext(1, 429, "1");
        long start = System.nanoTime();

        PublishResult result = new Publisher(client).publish(TestObjects.indicators("busy", 4).iterator());

        assertThat((System.nanoTime() - start) / 1_000_000).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(1000);
        assertThat(result.succeeded()).isEqualTo(4);
        assertThat(proxy.seen()).extracting(MisbehavingProxy.Seen::status).containsSubsequence(429, 202);
    }

    @Test
    void serverErrorsAndSlowAnswersAreRetriedWithBackoffWithoutLosingAnObject() {
        TaxiiConfiguration config = viaProxy();
        config.setReadTimeout(300);
        config.setMaxRetries(3);
        TaxiiClient client = new TaxiiClient(config);
        client.maxContentLength();
        proxy.failNext(2, 503, null);
        Publisher publisher = new Publisher(client);
        assertThat(publisher.publish(TestObjects.indicators("flaky", 3).iterator()).succeeded()).isEqualTo(3);

        proxy.slowNext(1, 1_000);
        assertThat(TaxiiPublishTest.readAll(server.collectionUrl(), null)).hasSize(3);
        assertThat(new CollectionReader(client, 100).read(PollPosition.startingAfter(null), page -> true, () -> true).objects())
                .as("the page whose answer came too late is asked again").isEqualTo(3);
    }

    @Test
    void whenRetriesAreUsedUpTheErrorNamesTheUrlAndTheLastProblem() {
        TaxiiClient client = new TaxiiClient(viaProxy());
        client.maxContentLength();
        proxy.failNext(10, 500, null);
        assertThatThrownBy(() -> new CollectionReader(client, 10).read(PollPosition.startingAfter(null), p -> true, () -> true))
                .isInstanceOf(TaxiiUnavailableException.class)
                .hasMessageContaining(proxy.url(server.collectionUrl()) + "objects/")
                .hasMessageContaining("after 3 attempts").hasMessageContaining("HTTP 500");
    }

    @Test
    void aRefusedConnectionIsRetriedThenReported() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/ctiflow/collections/" + EmbeddedTaxii.INDICATORS + "/";
        assertThatThrownBy(() -> new Publisher(new TaxiiClient(EmbeddedTaxii.alice(url))).publish(
                TestObjects.indicators("x", 1).iterator()))
                .isInstanceOf(TaxiiUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort).hasMessageContaining("ConnectException");
    }
}
