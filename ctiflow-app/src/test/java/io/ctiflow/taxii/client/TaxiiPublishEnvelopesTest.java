package io.ctiflow.taxii.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.StixObject;
import io.ctiflow.testing.PollingConsumerTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Publishing against the real server with a small max_content_length (8 KiB): envelopes split to fit,
 * status resources followed, and every object that fails is named (never dropped silently).
 */
class TaxiiPublishEnvelopesTest extends PollingConsumerTestSupport {

    private static final long MAX = 8 * 1024;

    @TempDir
    Path dir;

    private EmbeddedTaxii server;
    private MisbehavingProxy proxy;

    @Override
    protected void setupResources() throws Exception {
        server = EmbeddedTaxii.start(dir, MAX);
        proxy = MisbehavingProxy.in(server.base());
    }

    @Override
    protected void cleanupResources() {
        proxy.close();
        server.close();
    }

    @Test
    void envelopesNeverExceedTheServersMaxContentLengthAndEveryObjectArrives() {
        List<StixObject> objects = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            objects.add(TestObjects.indicator("split", i, i % 5 * 120));
        }
        long total = objects.stream().mapToLong(o -> o.json().length).sum();
        Publisher publisher = new Publisher(new TaxiiClient(EmbeddedTaxii.alice(proxy.url(server.collectionUrl()))));

        PublishResult result = publisher.publish(objects.iterator());

        assertThat(result.failures()).isEmpty();
        assertThat(result.succeeded()).isEqualTo(300);
        List<MisbehavingProxy.Seen> posts = proxy.seen().stream().filter(s -> s.method().equals("POST")).toList();
        assertThat(posts).allSatisfy(p -> assertThat(p.bodyBytes()).isLessThanOrEqualTo((int) MAX).isPositive());
        assertThat(posts).hasSize(result.envelopes()).hasSizeGreaterThanOrEqualTo((int) (total / MAX) + 1);
        assertThat(posts).allSatisfy(p -> assertThat(p.status()).isEqualTo(202));
        assertThat(TaxiiPublishTest.readAll(server.collectionUrl(), null)).extracting(StixObject::id)
                .containsExactlyInAnyOrderElementsOf(objects.stream().map(StixObject::id).toList());
    }

    @Test
    void anEnvelopeTheServerFindsTooLargeIsSplitAndSentAgain() {
        // a server that advertises more than it takes: the 413 halves the envelope until it fits
        proxy.advertiseMaxContentLength(8 * MAX);
        List<StixObject> objects = TestObjects.indicators("toolarge", 120);
        Publisher publisher = new Publisher(new TaxiiClient(EmbeddedTaxii.alice(proxy.url(server.collectionUrl()))));

        PublishResult result = publisher.publish(objects.iterator());

        assertThat(result.failures()).isEmpty();
        assertThat(result.succeeded()).isEqualTo(120);
        assertThat(proxy.seen()).anySatisfy(s -> assertThat(s.status()).isEqualTo(413));
        assertThat(TaxiiPublishTest.readAll(server.collectionUrl(), null)).hasSize(120);
    }

    @Test
    void aPendingStatusIsFollowedUntilComplete() {
        // the real server finishes within the POST; the proxy makes its answer look pending, as a slower server's would
        proxy.rewriteStatus(status -> status.path("status").asText().equals("complete")
                && proxy.seen().stream().noneMatch(s -> s.pathAndQuery().contains("/status/")) ? pending(status) : status);
        Publisher publisher = new Publisher(new TaxiiClient(EmbeddedTaxii.alice(proxy.url(server.collectionUrl()))));

        PublishResult result = publisher.publish(TestObjects.indicators("pending", 5).iterator());

        assertThat(result.succeeded()).isEqualTo(5);
        assertThat(result.failures()).isEmpty();
        assertThat(proxy.seen()).anySatisfy(s -> assertThat(s.method() + " " + s.pathAndQuery())
                .isEqualTo("GET /ctiflow/status/" + result.statusIds().get(0) + "/"));
    }

    @Test
    void objectsStillPendingWhenTheStatusTimeOutPassesFailTheExchangeByName() throws Exception {
        proxy.rewriteStatus(TaxiiPublishEnvelopesTest::pending);
        String uri = EmbeddedTaxii.uri("out", proxy.url(server.collectionUrl()), "statusTimeout=300");
        List<StixObject> objects = TestObjects.indicators("slow", 3);
        produce("publish", uri);
        Exception failure = template.send("direct:publish", e -> e.getIn().setBody(objects)).getException();
        assertThat(failure).isInstanceOf(TaxiiPublishException.class)
                .hasMessageContaining(objects.get(0).id()).hasMessageContaining("still pending");
        assertThat(((TaxiiPublishException) failure).failures()).hasSize(3);
    }

    @Test
    void aStatusThatCannotBeFollowedMakesItsObjectsFailAsUnknownAndTheNextEnvelopesStillGo() {
        // the proxy hands out a status id the server never issued: following it gets the server's 404
        AtomicInteger posts = new AtomicInteger();
        proxy.rewriteStatus(status -> status.has("request_timestamp") && posts.incrementAndGet() == 1
                ? pending(status).put("id", "00000000-0000-4000-8000-000000000000") : status);
        TaxiiConfiguration config = EmbeddedTaxii.alice(proxy.url(server.collectionUrl()));
        List<StixObject> objects = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            objects.add(TestObjects.indicator("lost", i, 200));
        }

        PublishResult result = new Publisher(new TaxiiClient(config)).publish(objects.iterator());

        assertThat(result.envelopes()).isGreaterThan(1);
        assertThat(result.failures()).isNotEmpty().allSatisfy(f -> assertThat(f.message())
                .startsWith("outcome unknown: ").contains("HTTP 404").contains("/status/00000000-0000-4000-8000-000000000000/"));
        assertThat(result.succeeded() + result.failures().size()).isEqualTo(60);
    }

    @Test
    void objectsTheServerRejectsAndObjectsTooLargeForAnyEnvelopeAreNamedWithTheirReasons() throws Exception {
        ObjectNode wrongId = TestObjects.indicator("bad", 1, 0).tree();
        wrongId.put("id", "malware--" + wrongId.get("id").asText().substring("indicator--".length()));
        ObjectNode wrongVersion = TestObjects.indicator("bad", 2, 0).tree().put("spec_version", "2.0");
        StixObject huge = TestObjects.indicator("huge", 1, (int) MAX);
        List<Object> body = new ArrayList<>(TestObjects.indicators("good", 20));
        body.add(StixObject.of(wrongId));
        body.add(wrongVersion);
        body.add(huge);

        produce("publish", EmbeddedTaxii.uri("out", server.collectionUrl(), ""));
        Exchange exchange = template.send("direct:publish", e -> e.getIn().setBody(body));
        assertThat(exchange.getException()).isInstanceOf(TaxiiPublishException.class)
                .hasMessageContaining(server.collectionUrl())
                .hasMessageContaining("3 of 23 objects failed")
                .hasMessageContaining(wrongId.get("id").asText())
                .hasMessageContaining("spec_version 2.0")
                .hasMessageContaining(huge.id()).hasMessageContaining("larger than an envelope may be");
        assertThat(exchange.getIn().getHeader(TaxiiConstants.SUCCEEDED, Long.class)).isEqualTo(20);
        List<?> failures = exchange.getIn().getHeader(TaxiiConstants.FAILURES, List.class);
        assertThat(failures).extracting(f -> ((ObjectFailure) f).id())
                .containsExactlyInAnyOrder(wrongId.get("id").asText(), wrongVersion.get("id").asText(), huge.id());
        assertThat(TaxiiPublishTest.readAll(server.collectionUrl(), null)).hasSize(20);
    }

    @Test
    void withoutCredentialsForTheCollectionTheErrorSaysSo() {
        TaxiiConfiguration wrong = EmbeddedTaxii.alice(server.collectionUrl());
        wrong.setPassword("not-the-password");
        assertThatThrownBy(() -> new Publisher(new TaxiiClient(wrong)).publish(TestObjects.indicators("x", 1).iterator()))
                .isInstanceOf(TaxiiAuthenticationException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("127.0.0.1")
                .hasMessageNotContaining("not-the-password");

        TaxiiConfiguration reader = EmbeddedTaxii.alice(server.collectionUrl());
        reader.setUsername(EmbeddedTaxii.BOB);
        reader.setPassword(EmbeddedTaxii.BOB_PASSWORD);
        assertThatThrownBy(() -> new Publisher(new TaxiiClient(reader)).publish(TestObjects.indicators("x", 1).iterator()))
                .isInstanceOf(TaxiiPublishException.class)
                .hasRootCauseInstanceOf(TaxiiAuthenticationException.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining(server.collectionUrl());
    }

    @Test
    void aTokenWorksLikeAPassword() {
        TaxiiConfiguration token = new TaxiiConfiguration();
        token.setUrl(server.collectionUrl());
        token.setToken(EmbeddedTaxii.TOKEN);
        PublishResult result = new Publisher(new TaxiiClient(token)).publish(TestObjects.indicators("token", 2).iterator());
        assertThat(result.succeeded()).isEqualTo(2);
    }

    private static ObjectNode pending(ObjectNode status) {
        ObjectNode copy = status.deepCopy();
        long total = status.path("total_count").asLong();
        copy.put("status", "pending").put("success_count", 0).put("failure_count", 0).put("pending_count", total);
        copy.remove("successes");
        copy.remove("failures");
        var pendings = copy.putArray("pendings");
        status.path("successes").forEach(pendings::add);
        return copy;
    }
}
