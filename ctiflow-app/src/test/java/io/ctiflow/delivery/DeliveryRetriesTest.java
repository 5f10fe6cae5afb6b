package io.ctiflow.delivery;

import io.ctiflow.taxii.client.TaxiiAuthenticationException;
import io.ctiflow.taxii.client.TaxiiException;
import io.ctiflow.taxii.client.TaxiiUnavailableException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retry decision of ctiflow-deliveries: transient failures are retried up to the limit,
 * refusals that retrying cannot fix are not, and an endpoint that ran out of retries gets no
 * further back-off until a delivery to it succeeds (a partner that stays down must not hold up
 * every later batch for the whole back-off).
 */
class DeliveryRetriesTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();

    /** {@code redelivery}: the number Camel gives the retry it asks about (1 for the first). */
    private Exchange failedDelivery(String endpointUri, int redelivery, Exception error) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader("CtiflowDestination", "ncsc-uk");
        exchange.getIn().setHeader("CtiflowEndpointUri", endpointUri);
        exchange.getIn().setHeader(Exchange.REDELIVERY_COUNTER, redelivery);
        exchange.setException(error);
        return exchange;
    }

    @Test
    void transientFailuresAreRetriedUpToTheLimit() {
        DeliveryRetries retries = new DeliveryRetries(3);
        Exception down = new TaxiiUnavailableException("TAXII GET http://127.0.0.1:1/api1/: connection refused", new ConnectException("refused"));
        assertThat(retries.retry(failedDelivery("taxii:ncsc-uk-0?url=RAW(x)", 1, down))).isTrue();
        assertThat(retries.retry(failedDelivery("taxii:ncsc-uk-0?url=RAW(x)", 3, down))).isTrue();
        assertThat(retries.retry(failedDelivery("taxii:ncsc-uk-0?url=RAW(x)", 4, down))).isFalse();
    }

    @Test
    void refusalsThatRetryingCannotFixAreNotRetried() {
        DeliveryRetries retries = new DeliveryRetries(3);
        assertThat(retries.retry(failedDelivery("taxii:a-0", 0, new TaxiiAuthenticationException("401", 401)))).isFalse();
        assertThat(retries.retry(failedDelivery("taxii:a-0", 0, new TaxiiException("API root has no collection 'x'")))).isFalse();
        assertThat(retries.retry(failedDelivery("taxii:a-0", 0, new RuntimeException("wrapped", new TaxiiAuthenticationException("403", 403))))).isFalse();
    }

    @Test
    void anEndpointThatRanOutOfRetriesGetsOneAttemptPerDeliveryUntilOneSucceeds() {
        DeliveryRetries retries = new DeliveryRetries(3);
        Exception down = new TaxiiUnavailableException("down", null);
        retries.exhausted(failedDelivery("taxii:ncsc-uk-0?url=RAW(x)", 3, down));
        assertThat(retries.isDown("taxii:ncsc-uk-0")).isTrue();
        assertThat(retries.retry(failedDelivery("taxii:ncsc-uk-0?url=RAW(x)", 0, down))).as("no back-off while down").isFalse();
        assertThat(retries.retry(failedDelivery("signed-webhook:ncsc-uk-1?url=RAW(y)", 0, down))).as("other endpoints unaffected").isTrue();
        retries.delivered(failedDelivery("taxii:ncsc-uk-0?url=RAW(x)", 0, null));
        assertThat(retries.retry(failedDelivery("taxii:ncsc-uk-0?url=RAW(x)", 0, down))).as("back up: retried again").isTrue();
    }

    @Test
    void everyRetryIsCountedForItsDestination() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.micrometer.core.instrument.Metrics.globalRegistry.add(meters);
        try {
            DeliveryRetries retries = new DeliveryRetries(2);
            Exception down = new TaxiiUnavailableException("down", null);
            retries.retry(failedDelivery("taxii:ncsc-uk-0?url=RAW(x)", 1, down));
            retries.retry(failedDelivery("taxii:ncsc-uk-0?url=RAW(x)", 2, down));
            retries.retry(failedDelivery("taxii:ncsc-uk-0?url=RAW(x)", 3, down)); // out of retries: not a retry
            retries.retry(failedDelivery("taxii:ncsc-uk-0?url=RAW(x)", 0, new TaxiiAuthenticationException("401", 401))); // refused: none
            assertThat(meters.get("ctiflow.delivery.retries").tag("destination", "ncsc-uk").counter().count()).isEqualTo(2.0);
        } finally {
            io.micrometer.core.instrument.Metrics.globalRegistry.remove(meters);
        }
    }

    /** Camel numbers the retry about to be made (1 for the first) when it asks retryWhile: N retries means N, not N - 1. */
    @Test
    void aRealRouteMakesExactlyTheConfiguredNumberOfRetries() throws Exception {
        DeliveryRetries retries = new DeliveryRetries(2);
        AtomicInteger attempts = new AtomicInteger();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).retryWhile(retries::retry).redeliveryDelay(0).handled(true);
                    from("direct:deliver").process(e -> {
                        attempts.incrementAndGet();
                        throw new TaxiiUnavailableException("down", null);
                    });
                }
            });
            context.start();
            context.createProducerTemplate().send("direct:deliver", e -> {
                e.getIn().setHeader("CtiflowDestination", "ncsc-uk");
                e.getIn().setHeader("CtiflowEndpointUri", "taxii:ncsc-uk-0?url=RAW(x)");
            });
        }
        assertThat(attempts.get()).as("the first attempt and two retries").isEqualTo(3);
    }
}
