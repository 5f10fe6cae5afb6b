package io.ctiflow.sink;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.ctiflow.stix.StixObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.ctiflow.sink.WebhookDeliveryTest.config;
import static io.ctiflow.sink.WebhookDeliveryTest.delivered;
import static io.ctiflow.sink.WebhookDeliveryTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class WebhookRetriesTest {

    private WebhookReceiver receiver;
    private ListAppender<ILoggingEvent> logs;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (logs != null) {
            SinkTestData.detach(WebhookClient.class, logs);
        }
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterThenDelivers() throws Exception {
        receiver = WebhookReceiver.start(WebhookDeliveryTest.SECRET);
        receiver.failNext(1, 429, "1");
        List<StixObject> objects = SinkTestData.feodo();
        long start = System.nanoTime();

        WebhookResult result = new WebhookClient(config(receiver.url())).send(objects, "cert-eu");

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("Retry-After: 1 honoured")
                .isGreaterThanOrEqualTo(1000);
        assertThat(receiver.requests()).isEqualTo(2);
        assertThat(result.requests()).isEqualTo(1);
        assertThat(delivered(receiver)).isEqualTo(ids(objects));
    }

    @Test
    void aReceiverThatIsDownIsRetriedAndGetsTheBundleOnceItIsUp() throws Exception {
        receiver = WebhookReceiver.down(WebhookDeliveryTest.SECRET);
        logs = SinkTestData.capture(WebhookClient.class);
        WebhookConfiguration config = config(receiver.url());
        config.setBackoff(200);
        config.setMaxRetries(6);
        List<StixObject> objects = SinkTestData.feodo();

        CompletableFuture<WebhookResult> sending = CompletableFuture.supplyAsync(
                () -> new WebhookClient(config).send(objects, "ncsc-uk"));
        await().atMost(Duration.ofSeconds(10)).until(() -> logs.list.stream()
                .anyMatch(e -> e.getFormattedMessage().contains("ConnectException")));
        receiver.up();

        assertThat(sending.get(30, TimeUnit.SECONDS).requests()).isEqualTo(1);
        assertThat(delivered(receiver)).isEqualTo(ids(objects));
    }

    @Test
    void aReceiverThatKeepsFailingFailsTheSendAfterBoundedAttemptsNamingUrlStatusAndReason() throws Exception {
        receiver = WebhookReceiver.start(WebhookDeliveryTest.SECRET);
        receiver.failAlways(503);
        WebhookConfiguration config = config(receiver.url());
        config.setMaxRetries(3);

        assertThatThrownBy(() -> new WebhookClient(config).send(SinkTestData.feodo(), null))
                .isInstanceOf(WebhookException.class)
                .hasMessageContaining(receiver.url())
                .hasMessageContaining("after 4 attempts")
                .hasMessageContaining("HTTP 503 (test receiver says 503)")
                .satisfies(e -> assertThat(((WebhookException) e).status()).isEqualTo(503));
        assertThat(receiver.requests()).isEqualTo(4);
    }

    @Test
    void anAnswerThatComesTooLateIsRetried() throws Exception {
        receiver = WebhookReceiver.start(WebhookDeliveryTest.SECRET);
        receiver.stallNext(1);
        WebhookConfiguration config = config(receiver.url());
        config.setReadTimeout(500);
        List<StixObject> objects = SinkTestData.feodo();

        new WebhookClient(config).send(objects, null);

        assertThat(receiver.requests()).isEqualTo(2);
        assertThat(delivered(receiver)).isEqualTo(ids(objects));
    }

    @Test
    void neitherSecretNorCredentialsAppearInLogsOrFailures() {
        receiver = WebhookReceiver.start(WebhookDeliveryTest.SECRET);
        receiver.failAlways(500);
        logs = SinkTestData.capture(WebhookClient.class);
        WebhookConfiguration config = config(receiver.url());
        config.setUsername("ops");
        config.setPassword("pw-9d8c7b6a");

        assertThatThrownBy(() -> new WebhookClient(config).send(SinkTestData.feodo(), null))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(WebhookDeliveryTest.SECRET, "pw-9d8c7b6a"));
        assertThat(logs.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain(WebhookDeliveryTest.SECRET, "pw-9d8c7b6a", "b3BzOnB3LTlkOGM3YjZh"));
        assertThat(config.toString()).doesNotContain(WebhookDeliveryTest.SECRET, "pw-9d8c7b6a");
    }

    @Test
    void aRefusalOtherThan429FailsAtOnce() {
        receiver = WebhookReceiver.start(WebhookDeliveryTest.SECRET);
        receiver.failAlways(403);

        assertThatThrownBy(() -> new WebhookClient(config(receiver.url())).send(SinkTestData.feodo(), null))
                .isInstanceOf(WebhookException.class)
                .hasMessageContaining("webhook receiver " + receiver.url() + " refused the bundle: HTTP 403")
                .hasMessageContaining("check token");
        assertThat(receiver.requests()).isEqualTo(1);
    }

    @Test
    void aWrongSecretIsRejectedByTheReceiversSignatureCheck() {
        receiver = WebhookReceiver.start(WebhookDeliveryTest.SECRET);
        WebhookConfiguration config = config(receiver.url());
        config.setSecret("not-the-shared-secret");

        assertThatThrownBy(() -> new WebhookClient(config).send(SinkTestData.feodo(), null))
                .hasMessageContaining("HTTP 401 (bad signature)");
        assertThat(receiver.deliveries()).isEmpty();
    }
}
