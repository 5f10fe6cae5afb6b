package io.ctiflow.sink;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.ctiflow.sink.WebhookDeliveryTest.delivered;
import static io.ctiflow.sink.WebhookDeliveryTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

/** The sinks in a Camel route: a failing receiver ends in the dead letter with its reason, the other sinks still get the batch. */
class SinkRoutesTest extends CamelTestSupport {

    @TempDir
    Path dir;

    private WebhookReceiver good;
    private WebhookReceiver bad;

    @Override
    protected void setupResources() throws Exception {
        good = WebhookReceiver.start(WebhookDeliveryTest.SECRET);
        bad = WebhookReceiver.start(WebhookDeliveryTest.SECRET);
        bad.failAlways(500);
    }

    @Override
    protected void cleanupResources() {
        good.close();
        bad.close();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.setProperty("webhook.secret", WebhookDeliveryTest.SECRET);
        return properties;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        Path siemFile = dir.resolve("siem/indicators.jsonl");
        return new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                from("direct:share")
                        .multicast()
                        .to("signed-webhook:partner-a?url=" + good.url() + "&secret={{webhook.secret}}",
                                "signed-webhook:partner-b?url=" + bad.url() + "&secret={{webhook.secret}}&maxRetries=2&backoff=10",
                                "siem:soc?transport=file&file=" + siemFile)
                        .end()
                        .to("mock:after");
                from("direct:one")
                        .to("signed-webhook:partner-a?url=" + good.url() + "&secret={{webhook.secret}}")
                        .to("mock:result");
            }
        };
    }

    @Test
    void aFailingReceiverLandsInTheDeadLetterWithItsReasonWhileTheOtherSinksReceive() throws Exception {
        List<StixObject> objects = SinkTestData.feodo();
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(1);

        template.sendBodyAndHeader("direct:share", new Batch("feodotracker", "test", 1, 10, objects, List.of()),
                "CtiflowDestination", "cert-eu");

        dead.assertIsSatisfied();
        Exception reason = dead.getExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertThat(reason).isInstanceOf(WebhookException.class)
                .hasMessageContaining(bad.url()).hasMessageContaining("after 3 attempts").hasMessageContaining("HTTP 500");
        assertThat(bad.requests()).isEqualTo(3);
        assertThat(delivered(good)).isEqualTo(ids(objects));
        assertThat(good.deliveries().get(0).header("X-Ctiflow-Destination")).isEqualTo("cert-eu");
        long indicators = objects.stream().filter(o -> o.type().equals("indicator")).count();
        assertThat(Files.readAllLines(dir.resolve("siem/indicators.jsonl"))).hasSize((int) indicators)
                .allSatisfy(line -> assertThat(line).contains("\"destination\":\"cert-eu\""));
    }

    @Test
    void afterSuccessTheHeadersCountRequestsAndObjectsAndTheSecretIsNeverShown() throws Exception {
        List<StixObject> objects = SinkTestData.feodo();
        MockEndpoint result = getMockEndpoint("mock:result");
        result.expectedMessageCount(1);

        template.sendBody("direct:one", objects);

        result.assertIsSatisfied();
        Map<String, Object> headers = result.getExchanges().get(0).getIn().getHeaders();
        assertThat(headers).containsEntry(WebhookConstants.REQUESTS, 1).containsEntry(WebhookConstants.OBJECTS, (long) objects.size());
        context.getEndpoints().stream().filter(WebhookEndpoint.class::isInstance).forEach(e -> {
            assertThat(e.toString()).doesNotContain(WebhookDeliveryTest.SECRET);
            assertThat(((WebhookEndpoint) e).getConfiguration().toString()).doesNotContain(WebhookDeliveryTest.SECRET);
        });
    }
}
