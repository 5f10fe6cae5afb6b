package io.ctiflow.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.ctiflow.stix.StixAssertions.assertValidBundle;
import static org.assertj.core.api.Assertions.assertThat;

class WebhookDeliveryTest {

    static final String SECRET = "test-webhook-secret-5f2a";

    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        receiver = WebhookReceiver.start(SECRET);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    static WebhookConfiguration config(String url) {
        WebhookConfiguration c = new WebhookConfiguration();
        c.setUrl(url);
        c.setSecret(SECRET);
        c.setBackoff(10);
        c.setMaxRetries(2);
        return c;
    }

    static Set<String> ids(List<StixObject> objects) {
        return objects.stream().map(StixObject::id).collect(Collectors.toSet());
    }

    static Set<String> delivered(WebhookReceiver receiver) {
        Set<String> ids = new HashSet<>();
        for (WebhookReceiver.Delivery d : receiver.deliveries()) {
            d.bundle().path("objects").forEach(o -> ids.add(o.path("id").asText()));
        }
        return ids;
    }

    @Test
    void aBatchArrivesAsOneSignedValidBundleWithDestinationIdempotencyKeyAndBearerToken() throws Exception {
        List<StixObject> objects = SinkTestData.feodo();
        WebhookConfiguration config = config(receiver.url());
        config.setToken("tok-123");

        WebhookResult result = new WebhookClient(config).send(objects, "cert-eu");

        assertThat(result.requests()).isEqualTo(1);
        assertThat(result.objects()).isEqualTo(objects.size());
        WebhookReceiver.Delivery d = receiver.deliveries().get(0);
        assertValidBundle(d.bundle(), "webhook bundle");
        assertThat(delivered(receiver)).isEqualTo(ids(objects));
        assertThat(d.header("Content-Type")).isEqualTo("application/stix+json;version=2.1");
        assertThat(d.header("X-Ctiflow-Destination")).isEqualTo("cert-eu");
        assertThat(d.header("Authorization")).isEqualTo("Bearer tok-123");
        assertThat(d.header("Idempotency-Key"))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(d.body())));
        assertThat(d.header("X-Signature")).startsWith("sha256=").hasSize(7 + 64);
    }

    @Test
    void theSizeCapSplitsIntoSelfContainedBundlesNoneOverTheCap() throws Exception {
        List<StixObject> objects = SinkTestData.feodo();
        WebhookConfiguration config = config(receiver.url());
        config.setMaxBundleBytes(8 * 1024);

        WebhookResult result = new WebhookClient(config).send(objects, null);

        assertThat(result.requests()).isGreaterThan(3).isEqualTo(receiver.deliveries().size());
        for (WebhookReceiver.Delivery d : receiver.deliveries()) {
            assertThat(d.body().length).isLessThanOrEqualTo(8 * 1024);
            assertValidBundle(d.bundle(), "split bundle");
            assertThat(d.header("X-Ctiflow-Destination")).isNull();
        }
        assertThat(delivered(receiver)).isEqualTo(ids(objects));
        assertThat(receiver.deliveries()).extracting(d -> d.header("Idempotency-Key")).doesNotHaveDuplicates();
    }

    @Test
    void theSameObjectsGiveTheSameBodyAndIdempotencyKeySoAReceiverCanDropARedelivery() throws Exception {
        List<StixObject> objects = SinkTestData.feodo().subList(0, 10);
        WebhookClient client = new WebhookClient(config(receiver.url()));
        client.send(objects, "x");
        client.send(objects, "x");

        assertThat(receiver.deliveries()).hasSize(2);
        assertThat(receiver.deliveries().get(0).header("Idempotency-Key"))
                .isEqualTo(receiver.deliveries().get(1).header("Idempotency-Key"));
    }

    @Test
    void anObjectLargerThanTheCapGoesAloneAndBasicAuthIsSent() throws Exception {
        ObjectNode big = (ObjectNode) Stix.mapper().readTree("""
                {"type":"note","spec_version":"2.1","id":"note--0f6c5b8e-0d32-4c44-9d61-2f2a1f7f2a11",
                 "created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z",
                 "content":"%s","object_refs":["note--0f6c5b8e-0d32-4c44-9d61-2f2a1f7f2a12"]}"""
                .formatted("x".repeat(5000)));
        ObjectNode small = big.deepCopy();
        small.put("id", "note--0f6c5b8e-0d32-4c44-9d61-2f2a1f7f2a13").put("content", "small");
        WebhookConfiguration config = config(receiver.url());
        config.setMaxBundleBytes(1024);
        config.setUsername("ops");
        config.setPassword("pw");

        WebhookResult result = new WebhookClient(config).send(List.of(StixObject.of(big), StixObject.of(small)), null);

        assertThat(result.requests()).isEqualTo(2);
        assertThat(receiver.deliveries().get(0).body().length).as("sent although over the cap").isGreaterThan(5000);
        assertThat(receiver.deliveries()).allSatisfy(d -> assertThat(d.bundle().path("objects")).hasSize(1));
        assertThat(receiver.deliveries().get(0).header("Authorization")).isEqualTo("Basic b3BzOnB3");
    }
}
